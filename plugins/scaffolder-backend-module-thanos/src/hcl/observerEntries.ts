import {
  ObserverMapName,
  TLS_QUERIER_MAP,
} from '@thanos-backstage/plugin-thanos-node';
import { hclString } from './encode';

/**
 * The two entries an observee adds to the observer's `eks-addons` inputs (docs/infra-repo.md,
 * "The observer maps"), as values and as HCL text laid out exactly as `terraform fmt`
 * lays out the teks reference entries: one attribute per line, `=` aligned across the three flags,
 * `stores` as a multi-line list.
 */

export {
  OBSERVER_MAPS,
  STORE_GATEWAY_MAP,
  TLS_QUERIER_MAP,
} from '@thanos-backstage/plugin-thanos-node';
export type { ObserverMapName } from '@thanos-backstage/plugin-thanos-node';

export interface Observee {
  /** Key in both maps; becomes Helm release, Service and IAM role names on the observer. */
  key: string;
  /** Host the observee's sidecar ingress serves; the TLS querier dials it on port 443. */
  sidecarHost: string;
  /** The observee's Thanos bucket, read by the observer's store gateway. */
  bucket: string;
  /** AWS region of the bucket. */
  region: string;
}

/** The value each map must hold under the observee key, as HashiCorp's parser returns it. */
export function entryValue(
  map: ObserverMapName,
  observee: Observee,
): Record<string, unknown> {
  const flags = {
    enabled: true,
    default_global_requests: true,
    default_global_limits: false,
  };
  return map === TLS_QUERIER_MAP
    ? { ...flags, stores: [`${observee.sidecarHost}:443`] }
    : { ...flags, bucket: observee.bucket, region: observee.region };
}

/** `terraform fmt` indents two spaces per nesting level. */
function indent(depth: number) {
  return '  '.repeat(depth);
}

/** Attribute lines with their `=` aligned, as `terraform fmt` aligns consecutive one-line attributes. */
function alignedAttributes(
  pairs: Array<[string, string]>,
  depth: number,
): string[] {
  const width = Math.max(...pairs.map(([name]) => name.length));
  return pairs.map(
    ([name, value]) => `${indent(depth)}${name.padEnd(width)} = ${value}`,
  );
}

/**
 * The lines of one map entry, without line endings, for a map whose own key sits at nesting
 * `depth - 1` (so the entry key is at `depth`).
 */
export function renderEntryLines(
  map: ObserverMapName,
  observee: Observee,
  depth: number,
): string[] {
  const flags = alignedAttributes(
    map === TLS_QUERIER_MAP
      ? [
          ['enabled', 'true'],
          ['default_global_requests', 'true'],
          ['default_global_limits', 'false'],
        ]
      : [
          ['enabled', 'true'],
          ['default_global_requests', 'true'],
          ['default_global_limits', 'false'],
          ['bucket', hclString(observee.bucket)],
          ['region', hclString(observee.region)],
        ],
    depth + 1,
  );
  const stores =
    map === TLS_QUERIER_MAP
      ? [
          `${indent(depth + 1)}stores = [`,
          `${indent(depth + 2)}${hclString(`${observee.sidecarHost}:443`)}`,
          `${indent(depth + 1)}]`,
        ]
      : [];
  return [
    `${indent(depth)}${hclString(observee.key)} = {`,
    ...flags,
    ...stores,
    `${indent(depth)}}`,
  ];
}

/** The lines of a whole new map holding one entry, with its key at nesting `depth`. */
export function renderMapLines(
  map: ObserverMapName,
  observee: Observee,
  depth: number,
): string[] {
  return [
    `${indent(depth)}${map} = {`,
    ...renderEntryLines(map, observee, depth + 1),
    `${indent(depth)}}`,
  ];
}
