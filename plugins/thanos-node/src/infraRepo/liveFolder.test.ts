import fs from 'node:fs';
import path from 'node:path';
import { readLiveFolderClusters } from './liveFolder';

// The example infra repo's live folder (docs/infra-repo.md): observer and observee-2 in eu-west-1.
const LIVE = path.resolve(
  __dirname,
  '../../../../examples/infra-repo/terragrunt/live',
);

function readFiles(dir: string, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const [k, v] of readFiles(full, rel)) out.set(k, v);
    } else out.set(rel, fs.readFileSync(full, 'utf8'));
  }
  return out;
}

describe('readLiveFolderClusters', () => {
  it('finds the observer and the observee of the example repo, with names and registration', async () => {
    const { clusters, problems } = await readLiveFolderClusters(
      readFiles(LIVE),
    );
    expect(problems).toEqual([]);
    expect(clusters).toEqual([
      {
        environment: 'thanos',
        region: 'eu-west-1',
        name: 'observee-2',
        folder: 'thanos/eu-west-1/clusters/observee-2',
        fullName: 'acme-thanos-observee-2',
        role: 'observee',
        hasCatalogInfo: false,
        observer: {
          folder: 'thanos/eu-west-1/clusters/observer',
          fullName: 'acme-thanos-observer',
        },
        registration: 'registered',
      },
      {
        environment: 'thanos',
        region: 'eu-west-1',
        name: 'observer',
        folder: 'thanos/eu-west-1/clusters/observer',
        fullName: 'acme-thanos-observer',
        role: 'observer',
        hasCatalogInfo: false,
      },
    ]);
  });

  it('reports a folder that cannot be read and still returns the others', async () => {
    const files = readFiles(LIVE);
    files.set(
      'thanos/eu-west-3/clusters/broken/eks-addons/terragrunt.hcl',
      'inputs = {\n  a = "x\n}\n',
    );
    files.set(
      'thanos/eu-west-3/clusters/payments/cluster_values.yaml',
      'name: payments\n',
    );
    files.set(
      'thanos/eu-west-3/clusters/payments/catalog-info.yaml',
      'kind: Resource\n',
    );
    const { clusters, problems } = await readLiveFolderClusters(files);
    expect(problems).toEqual([
      {
        folder: 'thanos/eu-west-3/clusters/broken',
        message: expect.stringContaining('terragrunt.hcl'),
      },
    ]);
    expect(
      clusters.map(c => [c.name, c.hasCatalogInfo, c.registration]),
    ).toEqual([
      ['observee-2', false, 'registered'],
      ['observer', false, undefined],
      ['payments', true, 'unregistered'],
    ]);
  });

  it('keeps only the environments asked for', async () => {
    const { clusters } = await readLiveFolderClusters(readFiles(LIVE), {
      environments: ['prod'],
    });
    expect(clusters).toEqual([]);
  });
});
