import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { thanosApiRef } from './api/ThanosApi';
import { ThanosClient } from './api/ThanosClient';
import type { ThanosEntityCardProps } from './components/ThanosEntityCard/ThanosEntityCard';
import type { ThanosEntityContentProps } from './components/ThanosEntityContent/ThanosEntityContent';
import type { ThanosFleetContentProps } from './components/ThanosFleetPage/ThanosFleetPage';

/**
 * Exports for apps still on the legacy frontend system (`EntityPage.tsx`, `App.tsx` routes). New
 * apps use the default export instead.
 */

const entityContentRouteRef = createRouteRef({ id: 'thanos:entity-content' });
const fleetPageRouteRef = createRouteRef({ id: 'thanos:fleet' });

/** @public */
export const legacyThanosPlugin = createPlugin({
  id: 'thanos',
  apis: [
    createApiFactory({
      api: thanosApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ThanosClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { entityContent: entityContentRouteRef, fleet: fleetPageRouteRef },
});

/** The Thanos tab, for `<EntityLayout.Route path="/thanos" if={isThanosAvailable}>`. @public */
export const EntityThanosContent: (
  props: ThanosEntityContentProps,
) => JSX.Element = legacyThanosPlugin.provide(
  createRoutableExtension({
    name: 'EntityThanosContent',
    component: () =>
      import('./components/ThanosEntityContent/ThanosEntityContent').then(
        m => m.ThanosEntityContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/** The Thanos overview card. @public */
export const EntityThanosCard: (props: ThanosEntityCardProps) => JSX.Element =
  legacyThanosPlugin.provide(
    createComponentExtension({
      name: 'EntityThanosCard',
      component: {
        lazy: () =>
          import('./components/ThanosEntityCard/ThanosEntityCard').then(
            m => m.ThanosEntityCard,
          ),
      },
    }),
  );

/** The fleet page, for `<Route path="/thanos" element={<ThanosFleetPage />} />`. @public */
export const ThanosFleetPage: (props: ThanosFleetContentProps) => JSX.Element =
  legacyThanosPlugin.provide(
    createRoutableExtension({
      name: 'ThanosFleetPage',
      component: () =>
        import('./components/ThanosFleetPage/ThanosFleetPage').then(
          m => m.ThanosFleetPage,
        ),
      mountPoint: fleetPageRouteRef,
    }),
  );
