/**
 * Thanos for Backstage: the entity tab and card, and the fleet page.
 *
 * The default export is the plugin for the new frontend system (`app.packages: all` finds it);
 * `legacyThanosPlugin` and the `Entity*`/`ThanosFleetPage` extensions serve legacy apps.
 *
 * @packageDocumentation
 */
import { thanosPlugin } from './plugin';

export default thanosPlugin;
export {
  thanosPlugin,
  fleetRouteRef,
  thanosApi,
  thanosEntityCard,
  thanosEntityContent,
  thanosFleetPage,
} from './plugin';
export {
  legacyThanosPlugin,
  EntityThanosContent,
  EntityThanosCard,
  ThanosFleetPage,
} from './legacy';
export { isThanosAvailable } from './isThanosAvailable';
export { thanosApiRef } from './api/ThanosApi';
export type { ThanosApi } from './api/ThanosApi';
export { ThanosClient } from './api/ThanosClient';
export type { ThanosEntityContentProps } from './components/ThanosEntityContent/ThanosEntityContent';
export type { ThanosEntityCardProps } from './components/ThanosEntityCard/ThanosEntityCard';
export type { ThanosFleetContentProps } from './components/ThanosFleetPage/ThanosFleetPage';
