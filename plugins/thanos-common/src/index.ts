/**
 * Types, annotation names and status rules shared by the Thanos plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './types';
export * from './rules';
