/**
 * Scaffolder actions that onboard a Thanos observee cluster into a Terragrunt infra repo.
 *
 * @packageDocumentation
 */

export { scaffolderModuleThanos as default } from './module';
export * from './actions';
