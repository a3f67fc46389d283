import { InputError } from '@backstage/errors';
import {
  bucketOf,
  checkDerivedNames,
  clusterNameOf,
  ObserveeNames,
} from './derivedNames';

/** Names follow terraform-kubernetes-addons v20 (see derivedNames.ts); each case breaks one limit. */
function names(
  over: Partial<{
    prefix: string;
    env: string;
    name: string;
    observer: string;
    host: string;
  }>,
): ObserveeNames {
  const prefix = over.prefix ?? 'pio';
  const env = over.env ?? 'thanos';
  const name = over.name ?? 'observee';
  const clusterName = clusterNameOf(prefix, env, name);
  return {
    clusterName,
    observerClusterName: clusterNameOf(
      prefix,
      env,
      over.observer ?? 'observer',
    ),
    observeeKey: name,
    bucket: bucketOf(clusterName),
    sidecarHost:
      over.host ??
      `thanos-sidecar.${name}.thanos.teks-tg.clusterfrak-dynamics.io`,
  };
}

describe('checkDerivedNames', () => {
  it('accepts the reference names', () => {
    expect(() => checkDerivedNames(names({}))).not.toThrow();
  });

  it.each<[string, Parameters<typeof names>[0], RegExp]>([
    [
      'Helm release thanos-tls-querier-<key> ≤ 53',
      { name: 'k'.repeat(35), prefix: 'p', env: 'e' },
      /^name: the derived Helm release on the observer "thanos-tls-querier-k{35}" is 54 characters; it must be at most 53/,
    ],
    [
      'Helm release thanos-storegateway-<key> ≤ 53',
      { name: 'k'.repeat(34), prefix: 'p', env: 'e', observer: 'o' },
      /the derived Helm release on the observer "thanos-storegateway-k{34}" is 54 characters/,
    ],
    [
      'Service thanos-storegateway-<key>-storegateway ≤ 63',
      { name: 'k'.repeat(31), prefix: 'p', env: 'e' },
      /the derived Service on the observer "thanos-storegateway-k{31}-storegateway" is 64 characters/,
    ],
    [
      'IAM role <observer cluster>-thanos-sg-<key> ≤ 64',
      { name: 'k'.repeat(20), prefix: 'p', env: 'e', observer: 'o'.repeat(30) },
      /the derived IAM role of the observer store gateway "p-e-o{30}-thanos-sg-k{20}" is 65 characters/,
    ],
    [
      'IAM role <cluster>-aws-ebs-csi-driver ≤ 64',
      {
        name: 'short',
        prefix: 'p'.repeat(20),
        env: 'e'.repeat(19),
        observer: 'o',
      },
      /^name: the derived IAM role of the observee "p{20}-e{19}-short-aws-ebs-csi-driver" is 65 characters; it must be at most 64\. Choose/,
    ],
    // A bucket too long always comes with observee IAM roles too long (their suffixes are longer).
    [
      'S3 bucket ≤ 63',
      {
        name: 'short',
        prefix: 'p'.repeat(24),
        env: 'e'.repeat(20),
        observer: 'o',
      },
      /the derived S3 bucket "thanos-store-p{24}-e{20}-short" is 64 characters; it must be 3–63/,
    ],
    [
      'EKS cluster name ≤ 100',
      { name: 'x', prefix: 'p'.repeat(50), env: 'e'.repeat(50), observer: 'o' },
      /the derived EKS cluster name "p{50}-e{50}-x" is 103 characters; it must be at most 100/,
    ],
    [
      'S3 bucket characters',
      { prefix: 'Pio' },
      /^name: the derived S3 bucket "thanos-store-Pio-thanos-observee" may only hold lower-case letters/,
    ],
    [
      'sidecar host label ≤ 63',
      { host: `${'a'.repeat(64)}.example.com` },
      /^sidecarHost: the sidecar host label "a{64}" is 64 characters; DNS labels are at most 63/,
    ],
    [
      'sidecar host ≤ 253',
      { host: Array(5).fill('a'.repeat(60)).join('.') },
      /^sidecarHost: the sidecar host .* is 304 characters; host names are at most 253/,
    ],
    [
      'sidecar host is a lower-case DNS name',
      { host: 'Thanos.Example.com' },
      /^sidecarHost: "Thanos.Example.com" is not a lower-case DNS name/,
    ],
  ])('refuses when %s is broken', (_rule, over, message) => {
    const run = () => checkDerivedNames(names(over));
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
  });
});
