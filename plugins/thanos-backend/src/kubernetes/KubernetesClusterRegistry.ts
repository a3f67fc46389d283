import type { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { KubeConfig, type User } from '@kubernetes/client-node';
import { ThanosConfigError } from '@thanos-backstage/plugin-thanos-node';

/**
 * The Kubernetes clusters the Thanos backend may read, taken from the configuration Backstage
 * users already write for the Kubernetes plugin: `kubernetes.clusterLocatorMethods[]` of type
 * `config`. Only that locator type is read; the others (catalog, gke, localKubectlProxy) find
 * clusters at run time and are the Kubernetes plugin's business.
 *
 * The shape is checked when the backend starts, with errors that name the offending key, so a
 * typo fails the start-up instead of every status request.
 */

/** A cluster definition as configured, after validation. Never logged: it may hold a token. */
export interface KubernetesClusterDefinition {
  name: string;
  url: string;
  authProvider: string;
  /** Absent with `authProvider: serviceAccount` = the pod's own in-cluster service account. */
  serviceAccountToken?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
}

/** One configured cluster, ready to be read. */
export interface KubernetesClusterAccess {
  readonly name: string;
  /**
   * A client configuration for this cluster. Throws a `ThanosConfigError` for an auth provider this
   * plugin cannot use, so only that cluster fails.
   */
  kubeConfig(): KubeConfig;
}

/** Where the kubelet mounts the pod's service-account token and cluster CA. */
const IN_CLUSTER_CA_FILE =
  '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt';

const SUPPORTED_AUTH_PROVIDERS = ['serviceAccount'];

export class KubernetesClusterRegistry {
  static fromConfig(config: Config): KubernetesClusterRegistry {
    const methods =
      config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
    const definitions: KubernetesClusterDefinition[] = [];
    methods.forEach((method, methodIndex) => {
      if (method.getOptionalString('type') !== 'config') return;
      const clusters = method.getOptionalConfigArray('clusters') ?? [];
      clusters.forEach((cluster, clusterIndex) => {
        definitions.push(
          readClusterDefinition(
            cluster,
            `kubernetes.clusterLocatorMethods[${methodIndex}].clusters[${clusterIndex}]`,
          ),
        );
      });
    });
    return new KubernetesClusterRegistry(definitions);
  }

  private readonly clusters: Map<string, KubernetesClusterDefinition>;

  constructor(definitions: KubernetesClusterDefinition[]) {
    this.clusters = new Map();
    for (const definition of definitions) {
      if (this.clusters.has(definition.name)) {
        throw new ThanosConfigError(
          `Kubernetes cluster "${definition.name}" is configured twice in kubernetes.clusterLocatorMethods; cluster names must be unique`,
        );
      }
      this.clusters.set(definition.name, definition);
    }
  }

  names(): string[] {
    return [...this.clusters.keys()];
  }

  /**
   * The cluster of that name; a `NotFoundError` otherwise. The name may come from an annotation
   * and the message may reach a user, so it lists no configured names.
   */
  get(name: string): KubernetesClusterAccess {
    const definition = this.clusters.get(name);
    if (!definition) {
      throw new NotFoundError(
        `Kubernetes cluster ${JSON.stringify(
          name.length > 80 ? `${name.slice(0, 79)}…` : name,
        )} is not configured (kubernetes.clusterLocatorMethods, type config)`,
      );
    }
    return { name, kubeConfig: () => buildKubeConfig(definition) };
  }

  /** The configured tokens, to scrub from anything logged about these clusters. */
  secrets(): string[] {
    return [...this.clusters.values()]
      .map(definition => definition.serviceAccountToken)
      .filter((token): token is string => Boolean(token));
  }
}

function readClusterDefinition(
  cluster: Config,
  key: string,
): KubernetesClusterDefinition {
  const name = cluster.getOptionalString('name');
  if (!name || name.trim() === '') {
    throw new ThanosConfigError(`${key}.name is required`);
  }
  const url = cluster.getOptionalString('url');
  if (!url) {
    throw new ThanosConfigError(
      `${key}.url is required (the cluster's API server URL)`,
    );
  }
  if (!isHttpUrl(url)) {
    throw new ThanosConfigError(
      `${key}.url is not a URL: expected https://<api-server>[:port]`,
    );
  }
  // Backstage's Kubernetes plugin accepts the provider in either place; so do we.
  // The key holds dots and a slash, which config paths cannot address: read the object instead.
  const authMetadata =
    cluster.getOptional<Record<string, unknown>>('authMetadata');
  const fromMetadata = authMetadata?.['kubernetes.io/auth-provider'];
  const authProvider =
    cluster.getOptionalString('authProvider') ??
    (typeof fromMetadata === 'string' ? fromMetadata : undefined);
  if (!authProvider) {
    throw new ThanosConfigError(
      `${key}.authProvider is required (e.g. serviceAccount)`,
    );
  }
  return {
    name,
    url,
    authProvider,
    serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
    caData: cluster.getOptionalString('caData'),
    caFile: cluster.getOptionalString('caFile'),
    skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function buildKubeConfig(definition: KubernetesClusterDefinition): KubeConfig {
  if (!SUPPORTED_AUTH_PROVIDERS.includes(definition.authProvider)) {
    throw new ThanosConfigError(
      `Kubernetes cluster "${definition.name}" uses authProvider "${
        definition.authProvider
      }", which the Thanos plugin cannot use; supported: ${SUPPORTED_AUTH_PROVIDERS.join(
        ', ',
      )} (with serviceAccountToken, or without it to use the backend pod's own service account)`,
    );
  }
  const inCluster = definition.serviceAccountToken === undefined;
  const user: User = inCluster
    ? inClusterUser()
    : { name: 'backstage', token: definition.serviceAccountToken };
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: definition.name,
        server: definition.url,
        caData: definition.caData,
        caFile:
          definition.caFile ??
          (inCluster && !definition.caData ? IN_CLUSTER_CA_FILE : undefined),
        skipTLSVerify: definition.skipTLSVerify,
      },
    ],
    users: [user],
    contexts: [
      { name: definition.name, cluster: definition.name, user: user.name },
    ],
    currentContext: definition.name,
  });
  return kubeConfig;
}

/**
 * The backend pod's service account as client-node's `loadFromCluster` sets it up: the token is
 * read from the mounted file on every request, so kubelet's token rotation is picked up.
 */
function inClusterUser(): User {
  const inCluster = new KubeConfig();
  inCluster.loadFromCluster();
  const user = inCluster.getCurrentUser();
  if (!user) {
    throw new ThanosConfigError(
      'Could not load the in-cluster service account',
    );
  }
  return user;
}
