import type { EvidenceSource } from '@thanos-backstage/plugin-thanos-common';

/** How each place a fact comes from is named on screen. */
export const EVIDENCE_SOURCE_LABEL: Record<EvidenceSource, string> = {
  'thanos-query': 'Thanos Query',
  'tls-querier': 'TLS querier',
  promql: 'PromQL',
  kubernetes: 'Kubernetes',
  catalog: 'Catalog',
  config: 'Configuration',
};
