/**
 * Backend plugin `thanos`: sidecar reachability and compactor status from Thanos Query, shared
 * and cached.
 *
 * @packageDocumentation
 */
export { thanosPlugin as default } from './plugin';
// A backend module extends the plugin through `@thanos-backstage/plugin-thanos-node`, which holds
// the extension point and its types; this package exports only the plugin.
