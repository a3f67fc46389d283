/**
 * Node.js library of the Thanos plugins. It holds the extension points of the `thanos` backend
 * plugin, so a backend module depends on this package only, and it reads a Terragrunt infra repo
 * the way its units read themselves (value files, cluster folders, the observer maps), with
 * HashiCorp's own HCL parser and formatter and an offset-keeping HCL scanner for in-place edits.
 * The scaffolder actions and the catalog entity provider share it, so they agree on what a repo
 * holds.
 *
 * @packageDocumentation
 */

export * from './config/ThanosConfigError';
export * from './extensions';
export * from './hcl/hashicorp';
export * from './hcl/hclScanner';
export * from './hcl/hclStructure';
export * from './infraRepo/environmentValues';
export * from './infraRepo/layout';
export * from './infraRepo/observerMaps';
export * from './infraRepo/liveFolder';
