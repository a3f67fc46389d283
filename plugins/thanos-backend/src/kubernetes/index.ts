export { KubernetesClusterRegistry } from './KubernetesClusterRegistry';
export type {
  KubernetesClusterAccess,
  KubernetesClusterDefinition,
} from './KubernetesClusterRegistry';
export {
  KubernetesInsideViewReader,
  INSIDE_VIEW_DEFAULTS,
} from './KubernetesInsideViewReader';
export type { KubernetesInsideViewOptions } from './KubernetesInsideViewReader';
export {
  readTlsQuerierStoresViaProxy,
  tlsQuerierStoresProxyPath,
} from './tlsQuerierProxy';
export type {
  TlsQuerierProxyOptions,
  TlsQuerierProxyRead,
} from './tlsQuerierProxy';
