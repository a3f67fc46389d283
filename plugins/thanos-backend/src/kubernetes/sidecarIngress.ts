import type { V1Ingress } from '@kubernetes/client-node';
import type { KubernetesView } from '@thanos-backstage/plugin-thanos-common';

/**
 * Finds the ingress that exposes the Thanos sidecar to the observer and reads the ingress-nginx
 * annotations the mTLS path depends on (docs/infra-repo.md, "The CA and mTLS chain":
 * kube-prometheus-stack's `thanosIngress`, named `<release>-thanos-gateway`, with
 * `backend-protocol: GRPC`, `auth-tls-verify-client: "on"` and `auth-tls-secret:
 * monitoring/thanos-ca`).
 */

export type SidecarIngress = NonNullable<KubernetesView['ingress']>;

const ANNOTATION_PREFIX = 'nginx.ingress.kubernetes.io/';
export const BACKEND_PROTOCOL = `${ANNOTATION_PREFIX}backend-protocol`;
export const AUTH_TLS_VERIFY_CLIENT = `${ANNOTATION_PREFIX}auth-tls-verify-client`;
export const AUTH_TLS_SECRET = `${ANNOTATION_PREFIX}auth-tls-secret`;

/**
 * The sidecar ingress among `ingresses`: one that proxies gRPC and is named for Thanos wins,
 * then any gRPC one, then any named for Thanos (a gRPC annotation may be the very thing missing).
 */
export function selectSidecarIngress(
  ingresses: V1Ingress[],
): V1Ingress | undefined {
  const grpc = (i: V1Ingress) =>
    (i.metadata?.annotations?.[BACKEND_PROTOCOL] ?? '').toUpperCase() ===
    'GRPC';
  const thanos = (i: V1Ingress) => (i.metadata?.name ?? '').includes('thanos');
  return (
    ingresses.find(i => grpc(i) && thanos(i)) ??
    ingresses.find(grpc) ??
    ingresses.find(thanos)
  );
}

/** The ingress as the view reports it; whether the client-CA Secret exists is filled in later. */
export function sidecarIngress(ingress: V1Ingress): SidecarIngress {
  const namespace = ingress.metadata?.namespace ?? '';
  const annotations = ingress.metadata?.annotations ?? {};
  const rules = ingress.spec?.rules ?? [];
  const tls = ingress.spec?.tls ?? [];
  const secretRef = parseSecretRef(annotations[AUTH_TLS_SECRET], namespace);
  return {
    name: ingress.metadata?.name ?? '',
    namespace,
    hosts: unique(rules.map(r => r.host).filter(isString)),
    tlsHosts: unique(tls.flatMap(t => t.hosts ?? [])),
    backendProtocol: annotations[BACKEND_PROTOCOL] ?? null,
    verifyClient: annotations[AUTH_TLS_VERIFY_CLIENT] ?? null,
    clientCaSecret: secretRef
      ? `${secretRef.namespace}/${secretRef.name}`
      : null,
    clientCaSecretExists: null,
    clientCaSecretKeys: null,
  };
}

/** ingress-nginx reads `auth-tls-secret` as `<namespace>/<name>`, or `<name>` in the ingress' namespace. */
export function parseSecretRef(
  value: string | undefined,
  ingressNamespace: string,
): { namespace: string; name: string } | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const [first, second] = trimmed.split('/', 2);
  return second === undefined
    ? { namespace: ingressNamespace, name: first }
    : { namespace: first, name: second };
}

function isString(value: string | undefined): value is string {
  return typeof value === 'string' && value.length > 0;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
