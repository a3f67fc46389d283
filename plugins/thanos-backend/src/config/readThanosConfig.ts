import type { Config } from '@backstage/config';
import {
  DEFAULT_TLS_QUERIER_PORT,
  DEFAULT_TLS_QUERIER_SERVICE_TEMPLATE,
} from '../kubernetes/tlsQuerierProxy';
import type {
  ThanosAuth,
  ThanosConfig,
  ThanosInstanceConfig,
  ThanosTls,
  ThanosTlsQuerierKubernetes,
} from './types';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_REFRESH_INTERVAL_SECONDS = 30;

/** Instance names end up in cache keys, task ids and annotations: keep them DNS labels. */
const INSTANCE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Kubernetes namespaces and Service names are DNS labels (RFC 1123 / RFC 1035). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const DEFAULT_TLS_QUERIER_NAMESPACE = 'monitoring';

/**
 * Reads and validates the `thanos` config block at start-up. Every error names the offending key
 * (`thanos.instances[1].queryUrl is not a URL`), so a bad config fails the backend start with a
 * message that says what to fix. No instances is valid: the routes then answer with an error.
 */
export function readThanosConfig(root: Config): ThanosConfig {
  const instancesConfig = root.getOptionalConfigArray('thanos.instances') ?? [];
  const clusters = kubernetesClusterNames(root);
  const instances = instancesConfig.map((config, index) =>
    readInstance(config, `thanos.instances[${index}]`, clusters),
  );

  const seen = new Map<string, number>();
  instances.forEach((instance, index) => {
    const first = seen.get(instance.name);
    if (first !== undefined) {
      throw new Error(
        `thanos.instances[${index}].name "${instance.name}" is already used by thanos.instances[${first}]; instance names must be unique`,
      );
    }
    seen.set(instance.name, index);
  });

  const cacheTtlSeconds = root.getOptionalNumber('thanos.cacheTtlSeconds');
  if (cacheTtlSeconds !== undefined) {
    positive(cacheTtlSeconds, 'thanos.cacheTtlSeconds');
  }
  return { instances, ...(cacheTtlSeconds ? { cacheTtlSeconds } : {}) };
}

function readInstance(
  config: Config,
  key: string,
  kubernetesClusters: string[],
): ThanosInstanceConfig {
  const name = config.getString('name');
  if (!INSTANCE_NAME.test(name)) {
    throw new Error(
      `${key}.name "${name}" is not a DNS label: use 1-63 lowercase letters, digits and "-", starting and ending with a letter or digit`,
    );
  }

  const queryUrl = httpUrl(config.getString('queryUrl'), `${key}.queryUrl`);

  const template = config.getOptionalString('tlsQuerierUrlTemplate');
  if (template !== undefined) {
    if (!template.includes('{key}')) {
      throw new Error(
        `${key}.tlsQuerierUrlTemplate must contain {key}, which stands for the observee key (e.g. http://thanos-tls-querier-{key}-query.monitoring.svc:10902)`,
      );
    }
    httpUrl(
      template.replace(/\{key\}/g, 'observee'),
      `${key}.tlsQuerierUrlTemplate`,
    );
  }

  const tlsQuerierKubernetes = readTlsQuerierKubernetes(
    config.getOptionalConfig('tlsQuerierKubernetes'),
    `${key}.tlsQuerierKubernetes`,
    kubernetesClusters,
  );
  if (template !== undefined && tlsQuerierKubernetes) {
    throw new Error(
      `${key} has both tlsQuerierUrlTemplate and tlsQuerierKubernetes; give only one of ${key}.tlsQuerierUrlTemplate and ${key}.tlsQuerierKubernetes (how to reach the TLS queriers)`,
    );
  }

  const timeoutMs = config.getOptionalNumber('timeoutMs') ?? DEFAULT_TIMEOUT_MS;
  positive(timeoutMs, `${key}.timeoutMs`);
  const refreshIntervalSeconds =
    config.getOptionalNumber('refreshIntervalSeconds') ??
    DEFAULT_REFRESH_INTERVAL_SECONDS;
  positive(refreshIntervalSeconds, `${key}.refreshIntervalSeconds`);

  const auth = readAuth(config.getOptionalConfig('auth'), `${key}.auth`);
  const tls = readTls(config.getOptionalConfig('tls'), `${key}.tls`);

  return {
    name,
    queryUrl: queryUrl.replace(/\/+$/, ''),
    ...(template ? { tlsQuerierUrlTemplate: template } : {}),
    ...(tlsQuerierKubernetes ? { tlsQuerierKubernetes } : {}),
    ...(auth ? { auth } : {}),
    ...(tls ? { tls } : {}),
    timeoutMs,
    refreshIntervalSeconds,
  };
}

/** Names of the clusters in `kubernetes.clusterLocatorMethods` of type `config`. */
function kubernetesClusterNames(root: Config): string[] {
  const methods =
    root.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods
    .filter(method => method.getOptionalString('type') === 'config')
    .flatMap(method => method.getOptionalConfigArray('clusters') ?? [])
    .map(cluster => cluster.getOptionalString('name'))
    .filter((name): name is string => Boolean(name));
}

function readTlsQuerierKubernetes(
  config: Config | undefined,
  key: string,
  kubernetesClusters: string[],
): ThanosTlsQuerierKubernetes | undefined {
  if (!config) return undefined;
  const cluster = config.getString('cluster');
  if (!kubernetesClusters.includes(cluster)) {
    throw new Error(
      `${key}.cluster "${cluster}" is not a cluster of kubernetes.clusterLocatorMethods (type config); configured: ${
        kubernetesClusters.length > 0 ? kubernetesClusters.join(', ') : 'none'
      }`,
    );
  }
  const namespace =
    config.getOptionalString('namespace') ?? DEFAULT_TLS_QUERIER_NAMESPACE;
  if (!DNS_LABEL.test(namespace)) {
    throw new Error(`${key}.namespace "${namespace}" is not a DNS label`);
  }
  const serviceTemplate =
    config.getOptionalString('serviceTemplate') ??
    DEFAULT_TLS_QUERIER_SERVICE_TEMPLATE;
  if (!serviceTemplate.includes('{key}')) {
    throw new Error(
      `${key}.serviceTemplate must contain {key}, which stands for the observee key (e.g. ${DEFAULT_TLS_QUERIER_SERVICE_TEMPLATE})`,
    );
  }
  // Checked with a 1-letter key; the status service checks the real (longer) name per observee.
  if (!DNS_LABEL.test(serviceTemplate.replace(/\{key\}/g, 'k'))) {
    throw new Error(
      `${key}.serviceTemplate "${serviceTemplate}" does not make a Service name (a DNS label: lowercase letters, digits and "-")`,
    );
  }
  const port = config.getOptionalNumber('port') ?? DEFAULT_TLS_QUERIER_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${key}.port must be a TCP port (1-65535)`);
  }
  return { cluster, namespace, serviceTemplate, port };
}

function httpUrl(value: string, key: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${key} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${key} must be an http or https URL`);
  }
  // Credentials in a URL would end up in logs and error messages; they belong in auth.
  if (url.username || url.password) {
    throw new Error(
      `${key} must not contain credentials; use the instance's auth.basic instead`,
    );
  }
  if (url.search || url.hash) {
    throw new Error(`${key} must not have a query string or fragment`);
  }
  return value;
}

function positive(value: number, key: string) {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${key} must be a positive number`);
  }
}

function readAuth(
  config: Config | undefined,
  key: string,
): ThanosAuth | undefined {
  if (!config) return undefined;
  const given = ['bearerToken', 'basic', 'headers'].filter(k => config.has(k));
  if (given.length > 1) {
    throw new Error(
      `${key} has ${given.join(
        ' and ',
      )}; give only one of bearerToken, basic, headers`,
    );
  }
  if (given.length === 0) {
    throw new Error(`${key} needs one of bearerToken, basic, headers`);
  }
  if (config.has('bearerToken')) {
    const token = config.getString('bearerToken');
    if (!token.trim()) throw new Error(`${key}.bearerToken is empty`);
    return { type: 'bearer', token };
  }
  if (config.has('basic')) {
    return {
      type: 'basic',
      username: config.getString('basic.username'),
      password: config.getString('basic.password'),
    };
  }
  const headersConfig = config.getConfig('headers');
  const headers: Record<string, string> = {};
  for (const name of headersConfig.keys()) {
    if (!HEADER_NAME.test(name)) {
      throw new Error(`${key}.headers has an invalid header name "${name}"`);
    }
    headers[name] = headersConfig.getString(name);
  }
  return { type: 'headers', headers };
}

function readTls(
  config: Config | undefined,
  key: string,
): ThanosTls | undefined {
  if (!config) return undefined;
  const pem = (field: 'ca' | 'cert' | 'key') => {
    const value = config.getOptionalString(field);
    if (value !== undefined && !value.includes('-----BEGIN ')) {
      throw new Error(
        `${key}.${field} is not a PEM string (it must contain "-----BEGIN ")`,
      );
    }
    return value;
  };
  const ca = pem('ca');
  const cert = pem('cert');
  const privateKey = pem('key');
  if (Boolean(cert) !== Boolean(privateKey)) {
    throw new Error(
      `${key}.cert and ${key}.key must be given together for a client certificate`,
    );
  }
  return {
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(privateKey ? { key: privateKey } : {}),
    insecureSkipVerify:
      config.getOptionalBoolean('insecureSkipVerify') ?? false,
  };
}
