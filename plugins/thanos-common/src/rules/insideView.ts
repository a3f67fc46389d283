import { describePodHealth } from './podHealthText';
import type { Finding, KubernetesView, PodHealth, SourceError } from '../types';
import { isCrashLooping } from './compactorPods';

/**
 * Findings that join the Kubernetes inside view of an observee with what Thanos sees from the
 * outside (docs/architecture.md). The sidecar path is observer TLS querier → nginx ingress (gRPC,
 * mTLS with the observer's CA in `monitoring/thanos-ca`) → sidecar (docs/infra-repo.md, "The CA and
 * mTLS chain");
 * ingress-nginx behaviour follows `internal/ingress/annotations/authtls` (a missing CA Secret
 * denies the location; `auth-tls-verify-client` defaults to `on` once `auth-tls-secret` is set).
 */

/** @public */
export interface InsideViewContext {
  /** Host (optionally `host:port`) the observer's `stores` entry dials for this observee's sidecar. */
  expectedSidecarHost?: string;
  /** The central query (or the TLS querier) reports this observee's sidecar endpoint down. */
  centralEndpointDown?: boolean;
  /**
   * Thanos proves the sidecar path works right now (the cluster's live data reaches the central
   * query). An ingress fault that would block every client then contradicts the facts: it is a
   * warning about the next nginx reload, not an error.
   */
  sidecarReachable?: boolean;
  /** `thanos_compact_halted` as PromQL reads it; null when unreadable. */
  compactorHalted?: boolean | null;
  /** Errors of the Kubernetes reads, so parts that could not be read are not judged as missing. */
  errors?: SourceError[];
}

/** @public */
export function judgeInsideView(
  view: KubernetesView,
  context: InsideViewContext = {},
): Finding[] {
  const errors = (context.errors ?? []).filter(e => e.source === 'kubernetes');
  const ingress = ingressFindings(view, context, errors);
  return [
    ...forbiddenFindings(view, errors),
    ...(context.sidecarReachable ? ingress.map(notYetBlocking) : ingress),
    ...sidecarContainerFindings(view, context),
    ...compactorFindings(view, context),
  ];
}

/** An ingress fault that should block the observer, while Thanos shows the path working. */
function notYetBlocking(finding: Finding): Finding {
  if (finding.severity !== 'error') return finding;
  return {
    ...finding,
    severity: 'warning',
    detail: `${finding.detail} Yet the observer reaches the sidecar right now, so nginx still serves the configuration it loaded before (or the path bypasses this ingress): the next nginx reload applies this and cuts the path.`,
  };
}

/**
 * The largest number of compactor replicas writing to one bucket, for
 * `CompactorObservation.workloadsForBucket`; null when the compactor workloads were not read.
 *
 * @public
 */
export function workloadsForBucket(view: KubernetesView): number | null {
  if (!view.compactor) return null;
  const groups = bucketGroups(view.compactor.workloads);
  return Math.max(0, ...groups.map(group => group.replicas));
}

type Workload = NonNullable<KubernetesView['compactor']>['workloads'][number];
type Ingress = NonNullable<KubernetesView['ingress']>;

function forbiddenFindings(
  view: KubernetesView,
  errors: SourceError[],
): Finding[] {
  return errors
    .filter(e => e.status === 403)
    .map(error => {
      const resource = error.resource ?? 'a resource';
      const secret = resource.startsWith('secrets');
      return {
        id: 'kubernetes.forbidden',
        severity: 'warning',
        title: `Backstage may not read ${resource} in cluster ${view.cluster}`,
        detail: error.message,
        hint: secret
          ? "Add `get` on `secrets` restricted with resourceNames to the client-CA Secret (only its metadata is read) to the ClusterRole bound to Backstage's service account; see the plugin's Kubernetes docs for the minimal ClusterRole. Until then whether the client-CA Secret exists is not judged; everything else is."
          : "Add the missing rule to the ClusterRole bound to Backstage's service account; see the plugin's Kubernetes docs for the minimal ClusterRole. Until then this part of the inside view stays empty.",
        source: 'kubernetes',
      } satisfies Finding;
    });
}

/**
 * The checks of the sidecar ingress, in the order a reader fixes them (host, TLS, client CA). Kept
 * together because each one reads the same ingress and the context of the ones before.
 */
function ingressFindings(
  view: KubernetesView,
  context: InsideViewContext,
  errors: SourceError[],
): Finding[] {
  const ingress = view.ingress;
  if (!ingress) {
    const unread = errors.some(e => e.resource?.startsWith('ingresses'));
    return unread
      ? []
      : [
          {
            id: 'sidecar.ingress-missing',
            severity: 'warning',
            title: 'No sidecar ingress found',
            detail: `Cluster ${view.cluster} has no ingress with nginx.ingress.kubernetes.io/backend-protocol: GRPC or a name containing "thanos" in the Thanos namespace, so nothing exposes the sidecar to the observer.`,
            hint: 'Enable kube-prometheus-stack\'s prometheus.thanosIngress (ingress class nginx, backend-protocol GRPC, auth-tls-verify-client "on", auth-tls-secret monitoring/thanos-ca) with the host the observer\'s stores entry names.',
            source: 'kubernetes',
            hop: 'sidecar',
          },
        ];
  }

  const findings: Finding[] = [];
  const where = `Ingress ${ingress.namespace}/${ingress.name}`;
  const expectedHost = context.expectedSidecarHost
    ? hostOf(context.expectedSidecarHost)
    : undefined;

  if (
    expectedHost &&
    !ingress.hosts.some(host => hostMatches(host, expectedHost))
  ) {
    findings.push({
      id: 'sidecar.ingress-host-mismatch',
      severity: 'error',
      title: "Sidecar ingress host differs from the observer's stores entry",
      detail: `The observer dials ${
        context.expectedSidecarHost
      }, but ${where} serves ${describeList(
        ingress.hosts,
      )}. nginx answers an unknown host with its default backend, so the TLS querier never reaches this sidecar.`,
      hint: `Make them agree: either set the observer's stores entry for this observee to ${
        ingress.hosts[0] ?? 'the ingress host'
      }:443, or set kube-prometheus-stack's thanosIngress host to ${expectedHost}.`,
      source: 'kubernetes',
      hop: 'sidecar',
    });
  }

  const uncovered = (expectedHost ? [expectedHost] : ingress.hosts).filter(
    host => !ingress.tlsHosts.some(tlsHost => hostMatches(tlsHost, host)),
  );
  if (uncovered.length > 0) {
    findings.push({
      id: 'sidecar.ingress-tls-missing',
      severity: 'error',
      title: 'Sidecar ingress has no TLS for its host',
      detail: `${where} has no spec.tls entry for ${describeList(
        uncovered,
      )}. Without it nginx presents its default self-signed certificate and cannot ask for a client certificate, so the TLS querier's handshake fails (x509 errors).`,
      hint: "Add a tls entry with the host and a certificate Secret (kube-prometheus-stack thanosIngress.tls; cert-manager's letsencrypt ClusterIssuer issues it).",
      source: 'kubernetes',
      hop: 'sidecar',
    });
  }

  if ((ingress.backendProtocol ?? '').toUpperCase() !== 'GRPC') {
    findings.push({
      id: 'sidecar.ingress-not-grpc',
      severity: 'error',
      title: 'Sidecar ingress does not proxy gRPC',
      detail: `${where} has nginx.ingress.kubernetes.io/backend-protocol ${
        ingress.backendProtocol
          ? `"${ingress.backendProtocol}"`
          : 'unset (HTTP)'
      }. The sidecar's StoreAPI on port 10901 speaks gRPC only; proxied as HTTP/1.1 it never answers the TLS querier.`,
      hint: 'Set the annotation nginx.ingress.kubernetes.io/backend-protocol: "GRPC" on the thanosIngress.',
      source: 'kubernetes',
      hop: 'sidecar',
    });
  }

  findings.push(...clientCaFindings(ingress, where));
  return findings;
}

function clientCaFindings(ingress: Ingress, where: string): Finding[] {
  if (!ingress.clientCaSecret) {
    return [
      {
        id: 'sidecar.ingress-no-client-auth',
        severity: 'warning',
        title: 'Sidecar ingress does not require a client certificate',
        detail: `${where} has no nginx.ingress.kubernetes.io/auth-tls-secret, so anyone who can reach the host can query this cluster's metrics through the sidecar.`,
        hint: 'Set auth-tls-secret: monitoring/thanos-ca and auth-tls-verify-client: "on" on the thanosIngress; the observer\'s TLS querier already presents a client certificate signed by that CA.',
        source: 'kubernetes',
        hop: 'sidecar',
      },
    ];
  }

  const findings: Finding[] = [];
  if (ingress.clientCaSecretExists === false) {
    findings.push({
      id: 'sidecar.ingress-client-ca-missing',
      severity: 'error',
      title: `Client-CA Secret ${ingress.clientCaSecret} does not exist`,
      detail: `${where} names ${ingress.clientCaSecret} in nginx.ingress.kubernetes.io/auth-tls-secret, but there is no such Secret. ingress-nginx then denies the location ("error obtaining certificate"): nginx rejects every client, the observer's TLS querier included.`,
      hint: `Create ${ingress.clientCaSecret} from the observer CA: set the thanos module's trusted_ca_content in this observee's eks-addons to the observer's thanos_ca output and apply (the module writes the Secret with key ca.crt).`,
      source: 'kubernetes',
      hop: 'sidecar',
    });
  } else if (
    ingress.clientCaSecretExists === true &&
    ingress.clientCaSecretKeys !== null &&
    !ingress.clientCaSecretKeys.includes('ca.crt')
  ) {
    findings.push({
      id: 'sidecar.ingress-client-ca-no-ca-crt',
      severity: 'error',
      title: `Client-CA Secret ${ingress.clientCaSecret} has no ca.crt`,
      detail: `${ingress.clientCaSecret} holds ${describeList(
        ingress.clientCaSecretKeys,
        'no keys',
      )}; ingress-nginx reads the client CA from the key ca.crt only, so it denies every client.`,
      hint: `Recreate ${ingress.clientCaSecret} with the observer CA under the key ca.crt (the thanos module's trusted_ca_content does this).`,
      source: 'kubernetes',
      hop: 'sidecar',
    });
  }

  // ingress-nginx treats an absent or unknown value as "on" once auth-tls-secret is set.
  const verify = ingress.verifyClient?.trim();
  if (
    verify === 'off' ||
    verify === 'optional' ||
    verify === 'optional_no_ca'
  ) {
    findings.push({
      id: 'sidecar.ingress-client-cert-optional',
      severity: 'warning',
      title: `Sidecar ingress verifies client certificates only "${verify}"`,
      detail: `${where} has nginx.ingress.kubernetes.io/auth-tls-verify-client "${verify}": clients without a certificate signed by the observer CA still reach the sidecar.`,
      hint: 'Set auth-tls-verify-client: "on" so only the observer\'s TLS querier gets through.',
      source: 'kubernetes',
      hop: 'sidecar',
    });
  }
  return findings;
}

function sidecarContainerFindings(
  view: KubernetesView,
  context: InsideViewContext,
): Finding[] {
  const container = view.sidecar?.container;
  if (!context.centralEndpointDown || !container || container.ready) return [];
  return [
    {
      id: 'sidecar.container-not-ready',
      severity: 'error',
      title: 'Sidecar is unreachable because its container is not ready',
      detail: `Thanos reports the sidecar endpoint down, and Kubernetes shows why: ${describePodHealth(
        container,
        {
          name: true,
          phase: false,
        },
      )}. The path to the cluster may be fine; the sidecar itself does not serve.`,
      hint: `Read its log: kubectl -n ${container.namespace} logs ${
        container.name
      } -c thanos-sidecar${
        container.restarts > 0 ? ' --previous' : ''
      }. It becomes ready once it reaches Prometheus on localhost:9090 and has loaded the external labels.`,
      source: 'kubernetes',
      hop: 'sidecar',
    },
  ];
}

function compactorFindings(
  view: KubernetesView,
  context: InsideViewContext,
): Finding[] {
  if (!view.compactor) return [];
  const findings: Finding[] = [];

  if (context.compactorHalted === false) {
    for (const pod of view.compactor.pods.filter(isCrashLooping)) {
      findings.push({
        id: 'compactor.pod-crashlooping',
        severity: 'error',
        title: `Compactor pod ${pod.name} is crash-looping while thanos_compact_halted reads 0`,
        detail: `${describePodHealth(pod, {
          name: true,
          phase: false,
        })}. thanos_compact_halted is 0, but the gauge starts at 0 in every new process and a crashing compactor is restarted before it can halt, so 0 here proves nothing.`,
        hint: crashHint(pod),
        source: 'kubernetes',
      });
    }
  }

  for (const group of bucketGroups(view.compactor.workloads).filter(
    g => g.replicas > 1,
  )) {
    findings.push({
      id: 'compactor.multiple-running',
      severity: 'error',
      title: 'More than one compactor on one bucket',
      detail: `${group.replicas} compactor replicas write to ${
        group.label
      }: ${group.workloads
        .map(
          w =>
            `${w.kind} ${w.namespace}/${w.name} (${w.replicas} replica${
              w.replicas === 1 ? '' : 's'
            })`,
        )
        .join(
          ', ',
        )}. Compactors on one bucket compact the same blocks, create overlaps and then halt.`,
      hint: 'Keep exactly one compactor replica per bucket: scale the extras to zero or give them their own bucket.',
      source: 'kubernetes',
      alert: 'ThanosCompactMultipleRunning',
    });
  }
  return findings;
}

/**
 * Compactors grouped by where they write: the inline bucket, else the mounted objstore Secret.
 * Compactors whose bucket cannot be told share a group: an observee has a single bucket
 * (`thanos-store-<cluster>`), so two unidentified compactors most likely meet there.
 */
function bucketGroups(workloads: Workload[]) {
  const groups = new Map<
    string,
    { label: string; replicas: number; workloads: Workload[] }
  >();
  for (const workload of workloads.filter(w => w.replicas > 0)) {
    const { key, label } = bucketOf(workload);
    const group = groups.get(key) ?? { label, replicas: 0, workloads: [] };
    group.replicas += workload.replicas;
    group.workloads.push(workload);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function bucketOf(workload: Workload): { key: string; label: string } {
  if (workload.bucket) {
    return {
      key: `bucket:${workload.bucket}`,
      label: `bucket ${workload.bucket}`,
    };
  }
  if (workload.objstoreSecret) {
    return {
      key: `secret:${workload.objstoreSecret}`,
      label: `the bucket configured in Secret ${workload.objstoreSecret}`,
    };
  }
  return { key: 'unknown', label: "the cluster's bucket" };
}

function crashHint(pod: PodHealth): string {
  const logs = `kubectl -n ${pod.namespace} logs ${pod.name} --previous`;
  if (
    pod.lastTerminationReason === 'OOMKilled' ||
    pod.lastTerminationExitCode === 137
  ) {
    return `It is killed for memory (OOMKilled, exit code 137): raise the compactor's memory limit; compaction holds the index of the blocks it merges. ${logs} shows how far it got.`;
  }
  return `Read the last crash: ${logs}. A compactor that would halt on a bad block may crash instead; look for "critical error" and bucket access errors.`;
}

/** `host` of `host`, `host:port`, `dns:///host:port` or a URL. */
function hostOf(address: string): string {
  const withoutScheme = address.replace(/^[a-z+]+:\/\/\/?/i, '');
  return withoutScheme.split('/')[0].replace(/:\d+$/, '').toLowerCase();
}

/** Ingress hosts may be wildcards (`*.example.com` matches one label). */
function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) {
    const suffix = p.slice(1);
    return (
      host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.')
    );
  }
  return p === host;
}

function describeList(values: string[], none = 'no host'): string {
  return values.length > 0 ? values.join(', ') : none;
}
