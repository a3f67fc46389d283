import { InputError } from '@backstage/errors';
import type { SourceError } from '@thanos-backstage/plugin-thanos-common';
import { boundedRead } from './boundedRead';
import type { KubernetesClusterAccess } from './KubernetesClusterRegistry';
import { toSourceError, type KubernetesRead } from './kubernetesErrors';
import { rawKubernetesGet } from './rawKubernetesGet';

/**
 * An observee's TLS querier read through the observer cluster's API-server service proxy, so the
 * sidecar hop can be judged without exposing the TLS queriers outside the observer cluster. The
 * names follow terraform-kubernetes-addons (docs/infra-repo.md, "How the Thanos components are
 * named in the clusters"): Helm release
 * `thanos-tls-querier-<key>` with the bitnami chart's query Service `<release>-query`, port
 * `http` 10902.
 */

export interface TlsQuerierProxyOptions {
  /** Namespace of the TLS queriers in the observer cluster. Default `monitoring`. */
  namespace?: string;
  /** Service name with `{key}` for the observee key. Default `thanos-tls-querier-{key}-query`. */
  serviceTemplate?: string;
  /** The Service's HTTP port. Default 10902. */
  port?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The raw `/api/v1/stores` JSON text (parsed by the stores parser), or why it could not be read. */
export type TlsQuerierProxyRead =
  | { ok: true; text: string }
  | { ok: false; error: SourceError };

export const DEFAULT_PROXY_TIMEOUT_MS = 10_000;
export const DEFAULT_TLS_QUERIER_SERVICE_TEMPLATE =
  'thanos-tls-querier-{key}-query';
export const DEFAULT_TLS_QUERIER_PORT = 10902;

export function tlsQuerierServiceName(
  observeeKey: string,
  serviceTemplate = DEFAULT_TLS_QUERIER_SERVICE_TEMPLATE,
): string {
  return serviceTemplate.replace(/\{key\}/g, observeeKey);
}

/** DNS-label names only: they are placed in a URL path, and Kubernetes names are DNS labels anyway. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * `/api/v1/namespaces/<ns>/services/http:<service>:10902/proxy/api/v1/stores`: the
 * `<scheme>:<name>:<port>` form of the service proxy, written with literal colons as kubectl does.
 */
export function tlsQuerierStoresProxyPath(
  observeeKey: string,
  namespace = 'monitoring',
  service: { serviceTemplate?: string; port?: number } = {},
): string {
  const name = tlsQuerierServiceName(observeeKey, service.serviceTemplate);
  const port = service.port ?? DEFAULT_TLS_QUERIER_PORT;
  if (
    !DNS_LABEL.test(observeeKey) ||
    !DNS_LABEL.test(namespace) ||
    !DNS_LABEL.test(name) ||
    name.length > 63
  ) {
    throw new InputError(
      `Observee key "${observeeKey}", namespace "${namespace}" and service "${name}" must be DNS labels (lowercase letters, digits, -) to name a TLS querier service`,
    );
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InputError(`TLS querier port ${port} is not a TCP port`);
  }
  return `/api/v1/namespaces/${namespace}/services/http:${name}:${port}/proxy/api/v1/stores`;
}

export async function readTlsQuerierStoresViaProxy(
  observerCluster: KubernetesClusterAccess,
  observeeKey: string,
  options: TlsQuerierProxyOptions = {},
): Promise<TlsQuerierProxyRead> {
  const namespace = options.namespace ?? 'monitoring';
  const service = tlsQuerierServiceName(observeeKey, options.serviceTemplate);
  const port = options.port ?? DEFAULT_TLS_QUERIER_PORT;
  const read: KubernetesRead = {
    cluster: observerCluster.name,
    verb: 'get',
    resource: 'services/proxy',
    apiGroup: '',
    namespace,
    name: service,
    // RBAC sees the proxy path segment as the object name, scheme and port included.
    ruleNote: `(resourceNames: [http:${service}:${port}])`,
  };
  try {
    const path = tlsQuerierStoresProxyPath(observeeKey, namespace, {
      serviceTemplate: options.serviceTemplate,
      port,
    });
    const kubeConfig = observerCluster.kubeConfig();
    const text = await boundedRead(
      options.timeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS,
      options.signal,
      signal =>
        rawKubernetesGet(kubeConfig, path, {
          accept: 'application/json',
          signal,
        }),
    );
    return { ok: true, text };
  } catch (error) {
    return {
      ok: false,
      error: { ...toSourceError(read, error), source: 'tls-querier' },
    };
  }
}
