import type { Finding } from '../types';

/**
 * PromQL warnings (partial response: a store failed during the query) as a finding. Informational:
 * the batched query covers every cluster, so a warning does not say which cluster's numbers are
 * missing; the rules already treat absent series as unknown.
 *
 * @public
 */
export function partialResponseFinding(warnings: string[]): Finding[] {
  if (warnings.length === 0) return [];
  const shown = warnings.slice(0, 5).join(' | ');
  return [
    {
      id: 'promql.partial-response',
      severity: 'info',
      title: 'Metrics come from a partial PromQL answer',
      detail: `Thanos Query answered the metrics query with ${
        warnings.length
      } warning${warnings.length === 1 ? '' : 's'}: ${shown}${
        warnings.length > 5 ? ' | …' : ''
      }`,
      hint: 'A store failed while the query ran, so some metrics may be missing. The store named in the warning is the one to look at on the Stores page of Thanos Query.',
      source: 'promql',
    },
  ];
}
