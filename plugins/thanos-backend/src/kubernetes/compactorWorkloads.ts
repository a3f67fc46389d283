import type {
  V1Container,
  V1Deployment,
  V1PodSpec,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type {
  CompactorRetention,
  KubernetesView,
} from '@thanos-backstage/plugin-thanos-common';

/**
 * What a compactor workload's spec says: replicas, retention and downsampling flags, the bucket it
 * writes to, and the Thanos version of its image. Pure functions over the objects the API returns.
 */

export type CompactorWorkload = NonNullable<
  KubernetesView['compactor']
>['workloads'][number];

/** The bitnami thanos chart names its compactor container `compactor` (templates/compactor). */
const COMPACTOR_CONTAINER = 'compactor';

export function compactorWorkload(
  kind: CompactorWorkload['kind'],
  object: V1Deployment | V1StatefulSet,
): CompactorWorkload {
  const podSpec = object.spec?.template.spec;
  const container = compactorContainer(podSpec);
  const rawArgs = [...(container?.command ?? []), ...(container?.args ?? [])];
  const namespace = object.metadata?.namespace ?? '';
  return {
    kind,
    name: object.metadata?.name ?? '',
    namespace,
    replicas: object.spec?.replicas ?? 1,
    readyReplicas: object.status?.readyReplicas ?? 0,
    bucket: inlineBucket(rawArgs),
    args: redactInlineConfigs(rawArgs),
    ...(container?.image
      ? {
          image: container.image,
          version: thanosVersionFromImage(container.image),
        }
      : {}),
    retention: retentionFromArgs(rawArgs),
    downsamplingDisabled:
      flagValue(rawArgs, 'downsampling.disable') !== undefined,
    objstoreSecret: objstoreSecret(podSpec, container, rawArgs, namespace),
  };
}

/** The container running `thanos compact`: named `compactor` in the bitnami chart, else by its args. */
export function compactorContainer(
  podSpec: V1PodSpec | undefined,
): V1Container | undefined {
  const containers = podSpec?.containers ?? [];
  return (
    containers.find(c => c.name === COMPACTOR_CONTAINER) ??
    containers.find(c =>
      [...(c.command ?? []), ...(c.args ?? [])].includes('compact'),
    ) ??
    containers[0]
  );
}

export function retentionFromArgs(args: string[]): CompactorRetention {
  return {
    raw: flagValue(args, 'retention.resolution-raw') ?? null,
    fiveMinutes: flagValue(args, 'retention.resolution-5m') ?? null,
    oneHour: flagValue(args, 'retention.resolution-1h') ?? null,
  };
}

/**
 * The value of `--<name>=v` or `--<name> v`; `''` for a bare boolean flag; undefined when absent.
 * Thanos (kingpin) accepts both spellings.
 */
export function flagValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
    if (arg === `--${name}`) {
      const next = args[i + 1];
      return next !== undefined && !next.startsWith('--') ? next : '';
    }
  }
  return undefined;
}

/**
 * The Thanos version from an image reference: `bitnami/thanos:0.38.0-debian-12-r3` → `0.38.0`,
 * `quay.io/thanos/thanos:v0.38.0` → `v0.38.0`; the bare tag when it is no version; null without
 * a tag (digest-only or `latest`-less references say nothing).
 */
export function thanosVersionFromImage(image: string): string | null {
  const withoutDigest = image.split('@')[0];
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return null;
  const tag = lastSegment.slice(colon + 1);
  const semver = /^v?\d+\.\d+\.\d+/.exec(tag);
  return semver ? semver[0] : tag;
}

/**
 * The bucket of an inline `--objstore.config=<yaml>`. The bitnami chart mounts the config from a
 * Secret (`--objstore.config-file`) instead, and a Secret's content is never read, so there the
 * bucket stays unknown and the mounted Secret's name stands in for it.
 */
export function inlineBucket(args: string[]): string | null {
  const config = flagValue(args, 'objstore.config');
  if (!config) return null;
  const match = /(?:^|[\s{,])["']?bucket["']?\s*:\s*["']?([^"'\s,}]+)/m.exec(
    config,
  );
  return match ? match[1] : null;
}

/**
 * Args with the values of inline config flags (`--objstore.config=…`, `--tracing.config=…`)
 * replaced: an inline objstore config may hold access keys, and args end up in the status answer.
 */
export function redactInlineConfigs(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const inline = /^(--[\w.-]*config)=/.exec(arg);
    if (inline && !inline[1].endsWith('-file')) {
      out.push(`${inline[1]}=<redacted>`);
    } else if (
      /^--[\w.-]*config$/.test(arg) &&
      !arg.endsWith('-file') &&
      args[i + 1] !== undefined
    ) {
      out.push(arg, '<redacted>');
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** `<namespace>/<secret>` of the volume that holds the `--objstore.config-file`, when it is a Secret. */
function objstoreSecret(
  podSpec: V1PodSpec | undefined,
  container: V1Container | undefined,
  args: string[],
  namespace: string,
): string | null {
  const file = flagValue(args, 'objstore.config-file');
  if (!file || !container) return null;
  const mount = (container.volumeMounts ?? [])
    .filter(
      m =>
        file === m.mountPath ||
        file.startsWith(`${m.mountPath.replace(/\/+$/, '')}/`),
    )
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
  const secretName = podSpec?.volumes?.find(v => v.name === mount?.name)?.secret
    ?.secretName;
  return secretName ? `${namespace}/${secretName}` : null;
}
