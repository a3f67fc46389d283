/**
 * Types, annotation names and status rules shared by the Thanos plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './types';
export * from './rules';
export type {
  paths as ThanosApiPaths,
  components as ThanosApiComponents,
  operations as ThanosApiOperations,
  webhooks as ThanosApiWebhooks,
} from './schema/openapi.generated';
