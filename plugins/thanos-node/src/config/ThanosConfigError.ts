/**
 * A configuration value the Thanos plugins cannot use, found when the backend starts (or, for a
 * Kubernetes cluster's auth, when the cluster is first read). The message names the config key
 * and the rule it breaks, e.g. `thanos.instances[0].queryUrl must be an http or https URL`, so an
 * operator can fix app-config without reading code. The one error type for config validation in
 * the `thanos` backend plugin and its modules.
 *
 * @public
 */
export class ThanosConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThanosConfigError';
  }
}
