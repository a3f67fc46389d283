import fs from 'node:fs';
import path from 'node:path';
import { readObserverMaps, registrationOf } from './observerMaps';
import { clusterFolder, eksAddonsUnitPath, fullClusterName } from './layout';

// The teks-style units of the example infra repo (docs/infra-repo.md, "The observer maps").
const CLUSTERS = path.resolve(
  __dirname,
  '../../../../examples/infra-repo/terragrunt/live/thanos/eu-west-1/clusters',
);
const read = (cluster: string) =>
  fs.readFileSync(
    path.join(CLUSTERS, cluster, 'eks-addons/terragrunt.hcl'),
    'utf8',
  );

describe('readObserverMaps', () => {
  it("reads both maps of the observer's eks-addons unit, keyed by observee", async () => {
    const maps = await readObserverMaps('observer.hcl', read('observer'));
    expect(Object.keys(maps!['thanos-tls-querier'])).toEqual([
      'observee',
      'observee-2',
    ]);
    expect(maps!['thanos-storegateway']['observee-2']).toMatchObject({
      bucket: 'thanos-store-acme-thanos-observee-2',
      region: 'eu-west-1',
    });
    expect(registrationOf(maps!, 'observee-2')).toBe('registered');
    expect(registrationOf(maps!, 'payments')).toBe('unregistered');
  });

  it("says an observee's eks-addons unit is not an observer's", async () => {
    await expect(
      readObserverMaps('observee.hcl', read('observee-2')),
    ).resolves.toBeUndefined();
  });

  it('sees a key registered in one map only as partial, and an absent map as empty', async () => {
    const maps = await readObserverMaps(
      'half.hcl',
      'inputs = {\n  thanos-tls-querier = {\n    a = { enabled = true }\n  }\n}\n',
    );
    expect(maps!['thanos-storegateway']).toEqual({});
    expect(registrationOf(maps!, 'a')).toBe('partial');
  });

  it("rejects with the parser's diagnostics when the unit does not parse", async () => {
    await expect(
      readObserverMaps('bad.hcl', 'inputs = {\n  a = "x\n}\n'),
    ).rejects.toThrow(/bad\.hcl/);
  });
});

describe('layout', () => {
  it('places clusters and names them as the units do', () => {
    const cluster = {
      environment: 'thanos',
      region: 'eu-west-1',
      name: 'observee-2',
    };
    expect(clusterFolder('terragrunt/live', cluster)).toBe(
      'terragrunt/live/thanos/eu-west-1/clusters/observee-2',
    );
    expect(eksAddonsUnitPath('terragrunt/live', cluster)).toBe(
      'terragrunt/live/thanos/eu-west-1/clusters/observee-2/eks-addons/terragrunt.hcl',
    );
    expect(
      fullClusterName({ prefix: 'acme', env: 'thanos' }, 'observee-2'),
    ).toBe('acme-thanos-observee-2');
  });
});
