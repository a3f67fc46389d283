import { ConfigReader } from '@backstage/config';
import { ThanosConfigError } from '@thanos-backstage/plugin-thanos-node';
import { readThanosConfig } from './readThanosConfig';

const read = (thanos: unknown) =>
  readThanosConfig(new ConfigReader({ thanos } as any));
const instance = (overrides: object = {}) => ({
  name: 'observer',
  queryUrl: 'https://thanos-query.example.com/',
  ...overrides,
});

describe('readThanosConfig', () => {
  it('fails the start with a ThanosConfigError that names the key and the rule', () => {
    const bad = () =>
      read({ instances: [instance({ queryUrl: 'ftp://thanos.example.com' })] });
    expect(bad).toThrow(ThanosConfigError);
    expect(bad).toThrow(
      'thanos.instances[0].queryUrl must be an http or https URL',
    );
  });

  it('applies the defaults and trims the trailing slash', () => {
    expect(read({ instances: [instance()] })).toEqual({
      instances: [
        {
          name: 'observer',
          queryUrl: 'https://thanos-query.example.com',
          timeoutMs: 10000,
          refreshIntervalSeconds: 30,
          groupingLabels: ['cluster'],
          kubernetesClusters: [],
        },
      ],
    });
  });

  describe('groupingLabels', () => {
    it('reads them sorted', () => {
      expect(
        read({
          instances: [instance({ groupingLabels: ['region', 'cluster'] })],
        }).instances[0].groupingLabels,
      ).toEqual(['cluster', 'region']);
    });

    it.each([
      [[], 'thanos.instances[0].groupingLabels must list 1 to 5 label names'],
      [
        ['a', 'b', 'c', 'd', 'e', 'f'],
        'thanos.instances[0].groupingLabels must list 1 to 5 label names',
      ],
      [
        ['cluster', 'inf'],
        'thanos.instances[0].groupingLabels[1]: label "inf" is a PromQL keyword',
      ],
      [['Without'], 'groupingLabels[0]: label "Without" is a PromQL keyword'],
      [['__name__'], 'groupingLabels[0]: label "__name__" starts with "__"'],
      [['a-b'], 'groupingLabels[0]: label "a-b" does not match'],
      [['cluster', 'cluster'], 'groupingLabels[1] "cluster" is listed twice'],
    ])('refuses %j naming the key', (groupingLabels, message) => {
      expect(() => read({ instances: [instance({ groupingLabels })] })).toThrow(
        message,
      );
    });
  });

  it('accepts no thanos block at all', () => {
    expect(readThanosConfig(new ConfigReader({}))).toEqual({ instances: [] });
  });

  it('reads every auth kind and the TLS settings', () => {
    const config = read({
      cacheTtlSeconds: 60,
      instances: [
        instance({
          name: 'a',
          auth: { bearerToken: 't' },
          tls: {
            ca: '-----BEGIN CERTIFICATE-----\nx',
            cert: '-----BEGIN CERTIFICATE-----\ny',
            key: '-----BEGIN PRIVATE KEY-----\nz',
          },
        }),
        instance({
          name: 'b',
          auth: { basic: { username: 'u', password: 'p' } },
        }),
        instance({
          name: 'c',
          auth: { headers: { 'X-Scope-OrgID': 'tenant' } },
        }),
      ],
    });
    expect(config.cacheTtlSeconds).toBe(60);
    expect(config.instances.map(i => i.auth)).toEqual([
      { type: 'bearer', token: 't' },
      { type: 'basic', username: 'u', password: 'p' },
      { type: 'headers', headers: { 'X-Scope-OrgID': 'tenant' } },
    ]);
    expect(config.instances[0].tls).toMatchObject({
      insecureSkipVerify: false,
    });
  });

  it.each([
    [
      [instance(), instance({ name: 'two', queryUrl: 'not a url' })],
      'thanos.instances[1].queryUrl is not a URL',
    ],
    [
      [instance({ queryUrl: 'ftp://x' })],
      'thanos.instances[0].queryUrl must be an http or https URL',
    ],
    [
      [instance({ queryUrl: 'https://user:pw@thanos.example.com' })],
      "thanos.instances[0].queryUrl must not contain credentials; use the instance's auth.basic instead",
    ],
    [
      [instance({ name: 'Observer_1' })],
      'thanos.instances[0].name "Observer_1" is not a DNS label',
    ],
    [
      [instance(), instance()],
      'thanos.instances[1].name "observer" is already used by thanos.instances[0]; instance names must be unique',
    ],
    [
      [instance({ tlsQuerierUrlTemplate: 'http://tls-querier:10902' })],
      'thanos.instances[0].tlsQuerierUrlTemplate must contain {key}',
    ],
    [
      [instance({ tlsQuerierUrlTemplate: 'not a url {key}' })],
      'thanos.instances[0].tlsQuerierUrlTemplate is not a URL',
    ],
    [
      [instance({ timeoutMs: 0 })],
      'thanos.instances[0].timeoutMs must be a positive number',
    ],
    [
      [instance({ auth: { bearerToken: 't', headers: { a: 'b' } } })],
      'thanos.instances[0].auth has bearerToken and headers; give only one of bearerToken, basic, headers',
    ],
    [
      [instance({ tls: { ca: 'not pem' } })],
      'thanos.instances[0].tls.ca is not a PEM string',
    ],
    [
      [instance({ tls: { cert: '-----BEGIN CERTIFICATE-----' } })],
      'thanos.instances[0].tls.cert and thanos.instances[0].tls.key must be given together',
    ],
  ])('names the key of a bad value (%#)', (instances, message) => {
    expect(() => read({ instances })).toThrow(message);
  });

  describe('tlsQuerierKubernetes', () => {
    const kubernetes = {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'observer-eks',
              url: 'https://observer.k8s.example.com',
              authProvider: 'serviceAccount',
            },
          ],
        },
      ],
    };
    const readWith = (tlsQuerierKubernetes: object, extra: object = {}) =>
      readThanosConfig(
        new ConfigReader({
          kubernetes,
          thanos: { instances: [instance({ tlsQuerierKubernetes, ...extra })] },
        } as any),
      );

    it('reads the cluster and applies the defaults of the terraform-kubernetes-addons names', () => {
      expect(
        readWith({ cluster: 'observer-eks' }).instances[0].tlsQuerierKubernetes,
      ).toEqual({
        cluster: 'observer-eks',
        namespace: 'monitoring',
        serviceTemplate: 'thanos-tls-querier-{key}-query',
        port: 10902,
      });
    });

    it.each([
      [
        { cluster: 'observer-eks' },
        { tlsQuerierUrlTemplate: 'http://tls-{key}:10902' },
        'thanos.instances[0] has both tlsQuerierUrlTemplate and tlsQuerierKubernetes; give only one of thanos.instances[0].tlsQuerierUrlTemplate and thanos.instances[0].tlsQuerierKubernetes',
      ],
      [
        { cluster: 'elsewhere' },
        {},
        'thanos.instances[0].tlsQuerierKubernetes.cluster "elsewhere" is not a cluster of kubernetes.clusterLocatorMethods (type config); configured: observer-eks',
      ],
      [
        { cluster: 'observer-eks', namespace: 'Monitoring' },
        {},
        'thanos.instances[0].tlsQuerierKubernetes.namespace "Monitoring" is not a DNS label',
      ],
      [
        { cluster: 'observer-eks', serviceTemplate: 'tls-querier' },
        {},
        'thanos.instances[0].tlsQuerierKubernetes.serviceTemplate must contain {key}',
      ],
      [
        { cluster: 'observer-eks', serviceTemplate: 'tls.{key}.svc' },
        {},
        'thanos.instances[0].tlsQuerierKubernetes.serviceTemplate "tls.{key}.svc" does not make a Service name',
      ],
      [
        { cluster: 'observer-eks', port: 70000 },
        {},
        'thanos.instances[0].tlsQuerierKubernetes.port must be a TCP port',
      ],
    ])('names the key of a bad value (%#)', (route, extra, message) => {
      expect(() => readWith(route, extra)).toThrow(message);
    });
  });

  describe('kubernetesClusters', () => {
    const kubernetes = {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            { name: 'observee-eks', url: 'https://a.example.com' },
            { name: 'prod-payments', url: 'https://b.example.com' },
          ],
        },
      ],
    };
    const readClusters = (kubernetesClusters: unknown) =>
      readThanosConfig(
        new ConfigReader({
          kubernetes,
          thanos: { instances: [instance({ kubernetesClusters })] },
        } as any),
      ).instances[0].kubernetesClusters;

    it('reads the clusters entities of the instance may name', () => {
      expect(readClusters(['observee-eks'])).toEqual(['observee-eks']);
    });

    it('refuses a cluster that is not configured, naming the key', () => {
      expect(() => readClusters(['observee-eks', 'staging'])).toThrow(
        'thanos.instances[0].kubernetesClusters[1] "staging" is not a cluster of kubernetes.clusterLocatorMethods (type config)',
      );
    });
  });
});
