/**
 * Catalog entity provider that reads the clusters of a Terragrunt infra repo into the catalog as
 * Thanos observer and observee Resources.
 *
 * @packageDocumentation
 */

export { catalogModuleThanos as default } from './module';
export { ThanosClusterProvider } from './providers/ThanosClusterProvider';
