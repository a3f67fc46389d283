import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { ThanosConfigError } from '@thanos-backstage/plugin-thanos-node';
import { KubernetesClusterRegistry } from './KubernetesClusterRegistry';

/** Configuration in the shape Backstage's Kubernetes plugin documents for `clusterLocatorMethods`. */
function registry(clusters: JsonObject[], extraMethods: JsonObject[] = []) {
  return KubernetesClusterRegistry.fromConfig(
    new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [...extraMethods, { type: 'config', clusters }],
      },
    }),
  );
}

const observee = {
  name: 'observee',
  url: 'https://observee.k8s.example.com',
  authProvider: 'serviceAccount',
  serviceAccountToken: 'token',
  caData: 'LS0tLS1CRUdJTg==',
};

describe('KubernetesClusterRegistry', () => {
  it('lists the clusters of every config locator and skips the other locator types', () => {
    const clusters = registry(
      [observee, { ...observee, name: 'observer' }],
      [{ type: 'catalog' }],
    );
    expect(clusters.names()).toEqual(['observee', 'observer']);
  });

  it('has no clusters when the kubernetes block is absent', () => {
    expect(
      KubernetesClusterRegistry.fromConfig(new ConfigReader({})).names(),
    ).toEqual([]);
  });

  it('names the key of a url that is not a URL', () => {
    expect(() =>
      registry([
        observee,
        observee,
        { ...observee, name: 'broken', url: 'observee.k8s.example.com' },
      ]),
    ).toThrow(
      'kubernetes.clusterLocatorMethods[0].clusters[2].url is not a URL',
    );
  });

  it('names the key of a missing name or authProvider', () => {
    expect(() => registry([{ ...observee, name: undefined }])).toThrow(
      'kubernetes.clusterLocatorMethods[0].clusters[0].name is required',
    );
    expect(() => registry([{ ...observee, authProvider: undefined }])).toThrow(
      'kubernetes.clusterLocatorMethods[0].clusters[0].authProvider is required',
    );
  });

  it('reports config mistakes with the same error type as the thanos config', () => {
    expect(() => registry([{ ...observee, url: undefined }])).toThrow(
      ThanosConfigError,
    );
  });

  it('rejects a cluster name configured twice', () => {
    expect(() => registry([observee, observee])).toThrow(
      'Kubernetes cluster "observee" is configured twice',
    );
  });

  it('accepts the auth provider from authMetadata, as the Kubernetes plugin does', () => {
    const clusters = registry([
      {
        ...observee,
        authProvider: undefined,
        authMetadata: { 'kubernetes.io/auth-provider': 'serviceAccount' },
      },
    ]);
    expect(clusters.get('observee').kubeConfig().getCurrentUser()?.token).toBe(
      'token',
    );
  });

  it('builds a client configuration with the configured server, CA and token', () => {
    const kubeConfig = registry([observee]).get('observee').kubeConfig();
    expect(kubeConfig.getCurrentCluster()).toEqual(
      expect.objectContaining({
        server: observee.url,
        caData: observee.caData,
        skipTLSVerify: false,
      }),
    );
    expect(kubeConfig.getCurrentUser()?.token).toBe('token');
  });

  it("uses the backend pod's own service account when no token is configured", () => {
    const kubeConfig = registry([
      { ...observee, serviceAccountToken: undefined, caData: undefined },
    ])
      .get('observee')
      .kubeConfig();
    expect(kubeConfig.getCurrentUser()?.authProvider).toEqual({
      name: 'tokenFile',
      config: {
        tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
      },
    });
    expect(kubeConfig.getCurrentCluster()?.caFile).toBe(
      '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    );
  });
});
