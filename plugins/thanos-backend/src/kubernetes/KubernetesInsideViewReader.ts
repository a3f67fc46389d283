import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  AppsV1Api,
  CoreV1Api,
  NetworkingV1Api,
  type KubeConfig,
  type V1Deployment,
  type V1Pod,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import type {
  KubernetesView,
  SourceError,
} from '@thanos-backstage/plugin-thanos-common';
import type {
  InsideViewReader,
  InsideViewRequest,
  InsideViewResult,
} from '@thanos-backstage/plugin-thanos-node';
import { boundedRead, withSignal } from './boundedRead';
import { compactorContainer, compactorWorkload } from './compactorWorkloads';
import { KubernetesClusterRegistry } from './KubernetesClusterRegistry';
import {
  KubernetesStatusError,
  kubernetesErrorDetail,
  toSourceError,
  type KubernetesRead,
} from './kubernetesErrors';
import { SecretRedactor } from '../client/upstreamText';
import { containerHealth, worstContainer } from './podHealth';
import { rawKubernetesGet } from './rawKubernetesGet';
import { ReadErrors } from './readErrors';
import { PARTIAL_OBJECT_METADATA, parseSecretMetadata } from './secretMetadata';
import {
  parseSecretRef,
  selectSidecarIngress,
  sidecarIngress,
} from './sidecarIngress';

/**
 * The inside view of one observee cluster (docs/architecture.md): its compactor workload and pods,
 * the Prometheus pods' `thanos-sidecar` container, and the ingress that exposes the sidecar with
 * the client-CA Secret it names. Each resource is read on its own, bounded by a timeout; a resource
 * that fails becomes a `SourceError` and leaves its part of the view empty, the rest still shows.
 */

export interface KubernetesInsideViewOptions {
  /** Namespace of kube-prometheus-stack and the thanos chart. Default `monitoring`. */
  namespace?: string;
  /** Timeout of each Kubernetes read, in milliseconds. Default 5000. */
  timeoutMs?: number;
  /** Label selector of the compactor workloads and pods (bitnami thanos chart labels). */
  compactorSelector?: string;
  /** Label selector of the Prometheus pods (set by prometheus-operator). */
  prometheusSelector?: string;
  /** Name of the sidecar container prometheus-operator adds to the Prometheus pods. */
  sidecarContainer?: string;
  logger?: LoggerService;
}

export const INSIDE_VIEW_DEFAULTS = {
  namespace: 'monitoring',
  timeoutMs: 5_000,
  compactorSelector: 'app.kubernetes.io/component=compactor',
  prometheusSelector: 'app.kubernetes.io/name=prometheus',
  sidecarContainer: 'thanos-sidecar',
};

type Outcome<T> = { ok: true; value: T } | { ok: false; error: SourceError };

export class KubernetesInsideViewReader implements InsideViewReader {
  /**
   * Clusters from `kubernetes.clusterLocatorMethods` (type config); the optional
   * `thanos.kubernetes` block sets namespace, timeoutMs, compactorSelector, prometheusSelector.
   */
  static fromConfig(
    config: Config,
    deps: { logger?: LoggerService } = {},
  ): KubernetesInsideViewReader {
    const own = config.getOptionalConfig('thanos.kubernetes');
    return new KubernetesInsideViewReader(
      KubernetesClusterRegistry.fromConfig(config),
      {
        namespace: own?.getOptionalString('namespace'),
        timeoutMs: own?.getOptionalNumber('timeoutMs'),
        compactorSelector: own?.getOptionalString('compactorSelector'),
        prometheusSelector: own?.getOptionalString('prometheusSelector'),
        logger: deps.logger,
      },
    );
  }

  private readonly options: Required<
    Omit<KubernetesInsideViewOptions, 'logger'>
  >;
  private readonly logger?: LoggerService;
  private readonly redactor: SecretRedactor;

  constructor(
    readonly clusters: KubernetesClusterRegistry,
    options: KubernetesInsideViewOptions = {},
  ) {
    this.redactor = new SecretRedactor(clusters.secrets());
    this.options = {
      namespace: options.namespace ?? INSIDE_VIEW_DEFAULTS.namespace,
      timeoutMs: options.timeoutMs ?? INSIDE_VIEW_DEFAULTS.timeoutMs,
      compactorSelector:
        options.compactorSelector ?? INSIDE_VIEW_DEFAULTS.compactorSelector,
      prometheusSelector:
        options.prometheusSelector ?? INSIDE_VIEW_DEFAULTS.prometheusSelector,
      sidecarContainer:
        options.sidecarContainer ?? INSIDE_VIEW_DEFAULTS.sidecarContainer,
    };
    this.logger = options.logger;
  }

  async read(request: InsideViewRequest): Promise<InsideViewResult> {
    const client = this.kubeConfigOf(request);
    if (!client.ok) return { view: undefined, errors: [client.error] };
    const kubeConfig = client.value;
    const reads = await this.listObjects(request, kubeConfig);

    const errors = new ReadErrors(request.cluster);
    const value = <T>(outcome: Outcome<T>): T | undefined => {
      if (outcome.ok) return outcome.value;
      errors.add(outcome.error);
      return undefined;
    };

    const compactor = this.compactorView(
      value(reads.deployments)?.items,
      value(reads.statefulSets)?.items,
      value(reads.compactorPods)?.items,
    );
    const sidecar = this.sidecarView(value(reads.prometheusPods)?.items);
    const ingressList = value(reads.ingresses)?.items;
    const selected = ingressList
      ? selectSidecarIngress(ingressList)
      : undefined;
    let ingress: KubernetesView['ingress'] = selected
      ? sidecarIngress(selected)
      : null;

    if (ingress?.clientCaSecret) {
      const ref = parseSecretRef(ingress.clientCaSecret, ingress.namespace)!;
      const secret = await this.readSecretMetadata(request, kubeConfig, ref);
      const read = value(secret);
      ingress = {
        ...ingress,
        clientCaSecretExists: read === undefined ? null : read !== 'absent',
        clientCaSecretKeys:
          read === undefined || read === 'absent' ? null : read.keys,
      };
    }

    const nothingRead = Object.values(reads).every(outcome => !outcome.ok);
    return {
      view: nothingRead
        ? undefined
        : { cluster: request.cluster, compactor, sidecar, ingress },
      errors: errors.list(),
    };
  }

  /** The client config of the request's cluster, or why there is none. */
  private kubeConfigOf(request: InsideViewRequest): Outcome<KubeConfig> {
    try {
      return {
        ok: true,
        value: this.clusters.get(request.cluster).kubeConfig(),
      };
    } catch (error) {
      // Unknown cluster or unusable auth provider: our own errors, already saying what to do.
      const message = (error as Error).message;
      this.logger?.debug(`Thanos inside view: ${message}`);
      return {
        ok: false,
        error: { source: 'kubernetes', target: request.cluster, message },
      };
    }
  }

  /** The workloads, pods and ingresses of the namespace, each read on its own. */
  private async listObjects(
    request: InsideViewRequest,
    kubeConfig: KubeConfig,
  ) {
    const { namespace, compactorSelector, prometheusSelector } = this.options;
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const apps = kubeConfig.makeApiClient(AppsV1Api);
    const networking = kubeConfig.makeApiClient(NetworkingV1Api);
    const list = (resource: string, apiGroup: string): KubernetesRead => ({
      cluster: request.cluster,
      verb: 'list',
      resource,
      apiGroup,
      namespace,
    });
    const compactors = { namespace, labelSelector: compactorSelector };
    const [
      deployments,
      statefulSets,
      compactorPods,
      prometheusPods,
      ingresses,
    ] = await Promise.all([
      this.bounded(request, list('deployments', 'apps'), options =>
        apps.listNamespacedDeployment(compactors, options),
      ),
      this.bounded(request, list('statefulsets', 'apps'), options =>
        apps.listNamespacedStatefulSet(compactors, options),
      ),
      this.bounded(request, list('pods', ''), options =>
        core.listNamespacedPod(compactors, options),
      ),
      this.bounded(request, list('pods', ''), options =>
        core.listNamespacedPod(
          { namespace, labelSelector: prometheusSelector },
          options,
        ),
      ),
      this.bounded(request, list('ingresses', 'networking.k8s.io'), options =>
        networking.listNamespacedIngress({ namespace }, options),
      ),
    ]);
    return {
      deployments,
      statefulSets,
      compactorPods,
      prometheusPods,
      ingresses,
    };
  }

  private compactorView(
    deployments: V1Deployment[] | undefined,
    statefulSets: V1StatefulSet[] | undefined,
    pods: V1Pod[] | undefined,
  ): KubernetesView['compactor'] {
    if (deployments === undefined && statefulSets === undefined) return null;
    // The component label is shared with other charts' compactors (Loki, Mimir): keep Thanos'.
    const runsThanosCompact = (podSpec: V1Pod['spec']) => {
      const container = compactorContainer(podSpec);
      return [
        ...(container?.command ?? []),
        ...(container?.args ?? []),
      ].includes('compact');
    };
    const workloads = [
      ...(deployments ?? [])
        .filter(d => runsThanosCompact(d.spec?.template.spec))
        .map(d => compactorWorkload('Deployment', d)),
      ...(statefulSets ?? [])
        .filter(s => runsThanosCompact(s.spec?.template.spec))
        .map(s => compactorWorkload('StatefulSet', s)),
    ];
    const compactorPods = (pods ?? [])
      .filter(pod => runsThanosCompact(pod.spec))
      .map(pod =>
        containerHealth(pod, compactorContainer(pod.spec)?.name ?? ''),
      )
      .filter(isPresent);
    // Pods that could not be read are unknown, which an empty list must not pretend.
    return pods === undefined
      ? { workloads, pods: [], podsRead: false }
      : { workloads, pods: compactorPods };
  }

  private sidecarView(pods: V1Pod[] | undefined): KubernetesView['sidecar'] {
    if (pods === undefined) return null;
    const containers = pods
      .map(pod => containerHealth(pod, this.options.sidecarContainer))
      .filter(isPresent);
    return { container: worstContainer(containers), pods: containers };
  }

  /** Existence and key names of the client-CA Secret; its content is never requested. */
  private async readSecretMetadata(
    request: InsideViewRequest,
    kubeConfig: KubeConfig,
    ref: { namespace: string; name: string },
  ): Promise<Outcome<ReturnType<typeof parseSecretMetadata> | 'absent'>> {
    const read: KubernetesRead = {
      cluster: request.cluster,
      verb: 'get',
      resource: 'secrets',
      apiGroup: '',
      namespace: ref.namespace,
      name: ref.name,
      ruleNote: `(resourceNames: [${ref.name}]; only its metadata is read)`,
    };
    const path = `/api/v1/namespaces/${encodeURIComponent(
      ref.namespace,
    )}/secrets/${encodeURIComponent(ref.name)}`;
    try {
      const text = await boundedRead(
        this.options.timeoutMs,
        request.signal,
        signal =>
          rawKubernetesGet(kubeConfig, path, {
            accept: PARTIAL_OBJECT_METADATA,
            signal,
          }),
      );
      return { ok: true, value: parseSecretMetadata(text) };
    } catch (error) {
      if (error instanceof KubernetesStatusError && error.status === 404) {
        return { ok: true, value: 'absent' };
      }
      return { ok: false, error: this.report(read, error) };
    }
  }

  private async bounded<T>(
    request: InsideViewRequest,
    read: KubernetesRead,
    call: (options: ReturnType<typeof withSignal>) => Promise<T>,
  ): Promise<Outcome<T>> {
    try {
      const value = await boundedRead(
        this.options.timeoutMs,
        request.signal,
        signal => call(withSignal(signal)),
      );
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: this.report(read, error) };
    }
  }

  /**
   * The error as the status reports it (a fixed text); the log also gets the API server's own
   * words, scrubbed of the configured tokens.
   */
  private report(read: KubernetesRead, error: unknown): SourceError {
    const sourceError = toSourceError(read, error);
    this.logger?.debug(
      `Thanos inside view: ${
        sourceError.message
      } Detail: ${this.redactor.redact(kubernetesErrorDetail(error))}`,
    );
    return sourceError;
  }
}

function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}
