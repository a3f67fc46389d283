/**
 * Backend plugin `thanos`: sidecar reachability and compactor status from Thanos Query, shared
 * and cached.
 *
 * @packageDocumentation
 */
export { thanosPlugin as default } from './plugin';
export {
  thanosInsideViewExtensionPoint,
  type InsideViewReader,
  type InsideViewRequest,
  type ThanosInsideViewExtensionPoint,
} from './service/InsideViewReader';
