import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import StorageIcon from '@material-ui/icons/Storage';
import { thanosApiRef } from './api/ThanosApi';
import { isThanosAvailable } from './isThanosAvailable';
import { ThanosClient } from './api/ThanosClient';

/** Route of the fleet page, for other plugins that want to link to it. @public */
export const fleetRouteRef = createRouteRef();

/** @public */
export const thanosApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: thanosApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ThanosClient({ discoveryApi, fetchApi }),
    }),
});

/** The "Thanos" tab on entity pages. @public */
export const thanosEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/thanos',
    title: 'Thanos',
    filter: isThanosAvailable,
    loader: () =>
      import('./components/ThanosEntityContent/ThanosEntityContent').then(m => (
        <m.ThanosEntityContent />
      )),
  },
});

/** The Thanos card on the entity overview. @public */
export const thanosEntityCard = EntityCardBlueprint.make({
  params: {
    type: 'info',
    filter: isThanosAvailable,
    loader: () =>
      import('./components/ThanosEntityCard/ThanosEntityCard').then(m => (
        <m.ThanosEntityCard />
      )),
  },
});

/** The fleet page at `/thanos`; its title and icon make the sidebar item. @public */
export const thanosFleetPage = PageBlueprint.make({
  params: {
    path: '/thanos',
    title: 'Thanos',
    icon: <StorageIcon fontSize="inherit" />,
    routeRef: fleetRouteRef,
    loader: () =>
      import('./components/ThanosFleetPage/ThanosFleetPage').then(m => (
        <m.ThanosFleetPageBody />
      )),
  },
});

/**
 * The Thanos frontend plugin for the new frontend system: the entity tab and card (for entities
 * with `thanos.io/external-labels`), the fleet page and its nav item, and the API client.
 *
 * @public
 */
export const thanosPlugin = createFrontendPlugin({
  pluginId: 'thanos',
  title: 'Thanos',
  icon: <StorageIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { fleet: fleetRouteRef },
  extensions: [
    thanosApi,
    thanosEntityContent,
    thanosEntityCard,
    thanosFleetPage,
  ],
});
