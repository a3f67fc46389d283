/**
 * Answers of the Kubernetes API server other than workload objects:
 *
 * - `PartialObjectMetadata` of a Secret, the body of a GET with
 *   `Accept: application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1` (Kubernetes API
 *   concepts, "Receiving resources as Tables / metadata only"; `kubectl get secret thanos-ca
 *   -o json --show-managed-fields` for `managedFields`). The Secret is the one
 *   terraform-kubernetes-addons writes from `trusted_ca_content` (key `ca.crt`); the manager name is
 *   what the Terraform Kubernetes provider records.
 * - The full Secret, as a server that ignored the metadata-only Accept would send it, with
 *   kubectl's last-applied annotation repeating the data.
 * - `Status` objects (meta/v1 Status) for 401, 403, 404 and a service proxy without endpoints,
 *   with the messages the API server writes.
 * - A TLS querier's `/api/v1/stores` (Thanos Query HTTP API, `data` grouped by store type).
 *
 * UIDs, times and the CA text are illustrative; the CA marker below must never leave the reader.
 */

/** A recognisable stand-in for certificate data, searched for in everything the reader returns or logs. */
export const SECRET_DATA_MARKER =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJTRUNSRVRNQVJLRVI=';

const secretMetadata = {
  name: 'thanos-ca',
  namespace: 'monitoring',
  uid: '2b4d6f80-1a3c-4e5f-8a9b-0c1d2e3f4a51',
  resourceVersion: '1299',
  creationTimestamp: '2026-10-01T09:10:02Z',
  managedFields: [
    {
      manager: 'HashiCorp',
      operation: 'Update',
      apiVersion: 'v1',
      time: '2026-10-01T09:10:02Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:data': { '.': {}, 'f:ca.crt': {} }, 'f:type': {} },
    },
  ],
};

export const thanosCaPartialMetadata = {
  kind: 'PartialObjectMetadata',
  apiVersion: 'meta.k8s.io/v1',
  metadata: secretMetadata,
};

export const thanosCaFullSecret = {
  kind: 'Secret',
  apiVersion: 'v1',
  metadata: {
    ...secretMetadata,
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
        apiVersion: 'v1',
        data: { 'ca.crt': SECRET_DATA_MARKER },
        kind: 'Secret',
        metadata: { name: 'thanos-ca', namespace: 'monitoring' },
      }),
    },
  },
  data: { 'ca.crt': SECRET_DATA_MARKER },
  type: 'Opaque',
};

export const unauthorizedStatus = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};

export const secretsForbiddenStatus = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message:
    'secrets "thanos-ca" is forbidden: User "system:serviceaccount:backstage:backstage" cannot get resource "secrets" in API group "" in the namespace "monitoring"',
  reason: 'Forbidden',
  details: { name: 'thanos-ca', kind: 'secrets' },
  code: 403,
};

export const serviceProxyForbiddenStatus = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message:
    'services "http:thanos-tls-querier-observee-query:10902" is forbidden: User "system:serviceaccount:backstage:backstage" cannot get resource "services/proxy" in API group "" in the namespace "monitoring"',
  reason: 'Forbidden',
  details: {
    name: 'http:thanos-tls-querier-observee-query:10902',
    kind: 'services',
  },
  code: 403,
};

export const secretNotFoundStatus = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'secrets "thanos-ca" not found',
  reason: 'NotFound',
  details: { name: 'thanos-ca', kind: 'secrets' },
  code: 404,
};

export const noEndpointsStatus = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message:
    'no endpoints available for service "http:thanos-tls-querier-observee-query:10902"',
  reason: 'ServiceUnavailable',
  code: 503,
};

/** The observee TLS querier's own store list while its remote sidecar answers. */
export const tlsQuerierStores = {
  status: 'success',
  data: {
    sidecar: [
      {
        name: 'thanos-sidecar.observee.example.com:443',
        lastCheck: '2026-11-25T08:00:01.123Z',
        lastError: null,
        labelSets: [
          {
            cluster: 'observee',
            prometheus: 'monitoring/kube-prometheus-stack-prometheus',
            prometheus_replica: 'prometheus-kube-prometheus-stack-prometheus-0',
          },
        ],
        minTime: 1763366400000,
        maxTime: 9223372036854775807,
      },
    ],
  },
};
