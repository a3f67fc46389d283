import { InputError } from '@backstage/errors';
import { shownInput } from '../shownInput';

/**
 * Names that other systems derive from the observee key and the cluster name, with the limits those
 * systems enforce. Naming follows terraform-kubernetes-addons v20 (`modules/aws/*.tf`: Helm release
 * and Service names from the map key, IAM roles from `name_prefix`); see docs/infra-repo.md,
 * "Names derived from the key, and their limits".
 */
export interface DerivedName {
  /** What the name is, as the error message says it. */
  what: string;
  value: string;
  max: number;
  min?: number;
  /** The input to change when the name does not fit. */
  field: string;
}

/** RFC 1123 label: what Kubernetes, Helm and DNS all accept. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Lower-case RFC 1123 subdomain: a host that is also usable as a Secret name. */
export function isDnsSubdomain(value: string): boolean {
  return (
    value.length <= 253 &&
    value.split('.').every(label => label.length <= 63 && DNS_LABEL.test(label))
  );
}

/** S3 bucket naming rules for the characters we can produce. */
const S3_BUCKET = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;

export interface ObserveeNames {
  clusterName: string;
  observerClusterName: string;
  observeeKey: string;
  bucket: string;
  sidecarHost: string;
}

export function clusterNameOf(prefix: string, env: string, name: string) {
  return `${prefix}-${env}-${name}`;
}

export function bucketOf(clusterName: string) {
  return `thanos-store-${clusterName}`;
}

/** Every derived name that has a limit, in the order a reader checks them. */
export function derivedNames(names: ObserveeNames): DerivedName[] {
  const { clusterName, observerClusterName, observeeKey: key } = names;
  return [
    {
      what: 'Helm release on the observer',
      value: `thanos-tls-querier-${key}`,
      max: 53,
      field: 'name',
    },
    {
      what: 'Helm release on the observer',
      value: `thanos-storegateway-${key}`,
      max: 53,
      field: 'name',
    },
    {
      what: 'Service on the observer',
      value: `thanos-tls-querier-${key}-query-grpc`,
      max: 63,
      field: 'name',
    },
    {
      what: 'Service on the observer',
      value: `thanos-storegateway-${key}-storegateway`,
      max: 63,
      field: 'name',
    },
    {
      what: 'IAM role of the observer store gateway',
      value: `${observerClusterName}-thanos-sg-${key}`,
      max: 64,
      field: 'name',
    },
    {
      what: 'EKS cluster name',
      value: clusterName,
      max: 100,
      field: 'name',
    },
    ...[
      'aws-ebs-csi-driver',
      'cert-manager',
      'external-dns',
      'kps-thanos',
      'kps-grafana',
      'thanos',
    ].map(suffix => ({
      what: 'IAM role of the observee',
      value: `${clusterName}-${suffix}`,
      max: 64,
      field: 'name',
    })),
    {
      what: 'S3 bucket',
      value: names.bucket,
      min: 3,
      max: 63,
      field: 'name',
    },
  ];
}

/** Every derived name that breaks its limit, as "what "value" is N characters; it must be …". */
export function brokenDerivedNames(names: ObserveeNames): string[] {
  return derivedNames(names)
    .filter(d => d.value.length > d.max || d.value.length < (d.min ?? 1))
    .map(
      d =>
        `the derived ${d.what} "${d.value}" is ${
          d.value.length
        } characters; it must be ${d.min ? `${d.min}–` : 'at most '}${d.max}`,
    );
}

/**
 * Refuses names that do not fit, listing every derived name that breaks (several usually break
 * together: the IAM role suffixes are longer than the bucket prefix) and the input to shorten.
 */
export function checkDerivedNames(names: ObserveeNames): void {
  const broken = brokenDerivedNames(names);
  if (broken.length > 0) {
    throw new InputError(
      `name: ${broken.join(
        '; ',
      )}. Choose a shorter name (or shorter prefix/Env in the value files).`,
    );
  }
  if (!S3_BUCKET.test(names.bucket)) {
    throw new InputError(
      `name: the derived S3 bucket ${shownInput(
        names.bucket,
      )} may only hold lower-case letters, digits, "-" and "."; check prefix and Env in the value files`,
    );
  }
  const host = names.sidecarHost;
  const longLabel = host.split('.').find(label => label.length > 63);
  if (longLabel !== undefined) {
    throw new InputError(
      `sidecarHost: the sidecar host label ${shownInput(longLabel)} is ${
        longLabel.length
      } characters; DNS labels are at most 63`,
    );
  }
  if (host.length > 253) {
    throw new InputError(
      `sidecarHost: the sidecar host ${shownInput(host)} is ${
        host.length
      } characters; host names are at most 253`,
    );
  }
  if (!isDnsSubdomain(host)) {
    throw new InputError(
      `sidecarHost: ${shownInput(
        host,
      )} is not a lower-case DNS name (labels of a-z, 0-9 and "-", separated by "."); it is also the TLS Secret name`,
    );
  }
}
