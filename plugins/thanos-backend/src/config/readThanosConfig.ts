import type { Config } from '@backstage/config';
import { labelNameProblem } from '@thanos-backstage/plugin-thanos-common';
import { ThanosConfigError } from '@thanos-backstage/plugin-thanos-node';
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
export const DEFAULT_GROUPING_LABELS = ['cluster'];
/** Each grouping label multiplies the series of the batched answer: a handful is plenty. */
export const MAX_GROUPING_LABELS = 5;

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
      throw new ThanosConfigError(
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
  kubernetesClusters: string[] | undefined,
): ThanosInstanceConfig {
  const name = config.getString('name');
  if (!INSTANCE_NAME.test(name)) {
    throw new ThanosConfigError(
      `${key}.name "${name}" is not a DNS label: use 1-63 lowercase letters, digits and "-", starting and ending with a letter or digit`,
    );
  }

  const queryUrl = httpUrl(config.getString('queryUrl'), `${key}.queryUrl`);

  const template = config.getOptionalString('tlsQuerierUrlTemplate');
  if (template !== undefined) {
    if (!template.includes('{key}')) {
      throw new ThanosConfigError(
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
    kubernetesClusters ?? [],
  );
  if (template !== undefined && tlsQuerierKubernetes) {
    throw new ThanosConfigError(
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
  const groupingLabels = readGroupingLabels(
    config.getOptionalStringArray('groupingLabels'),
    `${key}.groupingLabels`,
  );
  const allowedClusters = readKubernetesClusters(
    config.getOptionalStringArray('kubernetesClusters'),
    `${key}.kubernetesClusters`,
    kubernetesClusters,
  );

  return {
    name,
    queryUrl: queryUrl.replace(/\/+$/, ''),
    ...(template ? { tlsQuerierUrlTemplate: template } : {}),
    ...(tlsQuerierKubernetes ? { tlsQuerierKubernetes } : {}),
    ...(auth ? { auth } : {}),
    ...(tls ? { tls } : {}),
    timeoutMs,
    refreshIntervalSeconds,
    groupingLabels,
    kubernetesClusters: allowedClusters,
  };
}

function readGroupingLabels(
  labels: string[] | undefined,
  key: string,
): string[] {
  if (labels === undefined) return [...DEFAULT_GROUPING_LABELS];
  if (labels.length === 0 || labels.length > MAX_GROUPING_LABELS) {
    throw new ThanosConfigError(
      `${key} must list 1 to ${MAX_GROUPING_LABELS} label names (the external labels that tell clusters apart, e.g. [cluster])`,
    );
  }
  labels.forEach((label, index) => {
    const problem = labelNameProblem(label);
    if (problem) throw new ThanosConfigError(`${key}[${index}]: ${problem}`);
    if (labels.indexOf(label) !== index) {
      throw new ThanosConfigError(
        `${key}[${index}] "${label}" is listed twice`,
      );
    }
  });
  return [...labels].sort();
}

/**
 * The clusters entities of the instance may name. Each must be configured in
 * `kubernetes.clusterLocatorMethods` when that block exists (without it, the names are those of a
 * backend module's own inside view reader); the check names the configured clusters because this
 * message goes to the operator, never to a user.
 */
function readKubernetesClusters(
  names: string[] | undefined,
  key: string,
  configured: string[] | undefined,
): string[] {
  (names ?? []).forEach((name, index) => {
    if (configured && !configured.includes(name)) {
      throw new ThanosConfigError(
        `${key}[${index}] "${name}" is not a cluster of kubernetes.clusterLocatorMethods (type config); configured: ${
          configured.length > 0 ? configured.join(', ') : 'none'
        }`,
      );
    }
  });
  return [...new Set(names ?? [])];
}

/**
 * Names of the clusters in `kubernetes.clusterLocatorMethods` of type `config`; undefined when
 * the block is absent.
 */
function kubernetesClusterNames(root: Config): string[] | undefined {
  const methods = root.getOptionalConfigArray(
    'kubernetes.clusterLocatorMethods',
  );
  if (!methods) return undefined;
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
    throw new ThanosConfigError(
      `${key}.cluster "${cluster}" is not a cluster of kubernetes.clusterLocatorMethods (type config); configured: ${
        kubernetesClusters.length > 0 ? kubernetesClusters.join(', ') : 'none'
      }`,
    );
  }
  const namespace =
    config.getOptionalString('namespace') ?? DEFAULT_TLS_QUERIER_NAMESPACE;
  if (!DNS_LABEL.test(namespace)) {
    throw new ThanosConfigError(
      `${key}.namespace "${namespace}" is not a DNS label`,
    );
  }
  const serviceTemplate =
    config.getOptionalString('serviceTemplate') ??
    DEFAULT_TLS_QUERIER_SERVICE_TEMPLATE;
  if (!serviceTemplate.includes('{key}')) {
    throw new ThanosConfigError(
      `${key}.serviceTemplate must contain {key}, which stands for the observee key (e.g. ${DEFAULT_TLS_QUERIER_SERVICE_TEMPLATE})`,
    );
  }
  // Checked with a 1-letter key; the status service checks the real (longer) name per observee.
  if (!DNS_LABEL.test(serviceTemplate.replace(/\{key\}/g, 'k'))) {
    throw new ThanosConfigError(
      `${key}.serviceTemplate "${serviceTemplate}" does not make a Service name (a DNS label: lowercase letters, digits and "-")`,
    );
  }
  const port = config.getOptionalNumber('port') ?? DEFAULT_TLS_QUERIER_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ThanosConfigError(`${key}.port must be a TCP port (1-65535)`);
  }
  return { cluster, namespace, serviceTemplate, port };
}

function httpUrl(value: string, key: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ThanosConfigError(`${key} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ThanosConfigError(`${key} must be an http or https URL`);
  }
  // Credentials in a URL would end up in logs and error messages; they belong in auth.
  if (url.username || url.password) {
    throw new ThanosConfigError(
      `${key} must not contain credentials; use the instance's auth.basic instead`,
    );
  }
  if (url.search || url.hash) {
    throw new ThanosConfigError(
      `${key} must not have a query string or fragment`,
    );
  }
  return value;
}

function positive(value: number, key: string) {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ThanosConfigError(`${key} must be a positive number`);
  }
}

function readAuth(
  config: Config | undefined,
  key: string,
): ThanosAuth | undefined {
  if (!config) return undefined;
  const given = ['bearerToken', 'basic', 'headers'].filter(k => config.has(k));
  if (given.length > 1) {
    throw new ThanosConfigError(
      `${key} has ${given.join(
        ' and ',
      )}; give only one of bearerToken, basic, headers`,
    );
  }
  if (given.length === 0) {
    throw new ThanosConfigError(
      `${key} needs one of bearerToken, basic, headers`,
    );
  }
  if (config.has('bearerToken')) {
    const token = config.getString('bearerToken');
    if (!token.trim())
      throw new ThanosConfigError(`${key}.bearerToken is empty`);
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
      throw new ThanosConfigError(
        `${key}.headers has an invalid header name "${name}"`,
      );
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
      throw new ThanosConfigError(
        `${key}.${field} is not a PEM string (it must contain "-----BEGIN ")`,
      );
    }
    return value;
  };
  const ca = pem('ca');
  const cert = pem('cert');
  const privateKey = pem('key');
  if (Boolean(cert) !== Boolean(privateKey)) {
    throw new ThanosConfigError(
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
