import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import catalogModuleThanos from './index';

/**
 * The real catalog backend with this module, reading a copy of the example infra repo
 * (examples/infra-repo) from a `file:` folder, plus a cluster with its own catalog-info.yaml and a
 * cluster whose eks-addons unit does not parse.
 */

const EXAMPLE_LIVE = path.resolve(
  __dirname,
  '../../../examples/infra-repo/terragrunt/live',
);

function copyTree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory())
      Object.assign(out, copyTree(path.join(dir, entry.name), rel));
    else out[rel] = fs.readFileSync(path.join(dir, entry.name), 'utf8');
  }
  return out;
}

describe('catalog-backend-module-thanos', () => {
  const mockDir = createMockDirectory();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  // The provider logs through a child logger named after it.
  const providerLogger = mockServices.logger.mock();
  const logger = mockServices.logger.mock({
    child: jest.fn(() => providerLogger),
  });

  beforeAll(async () => {
    mockDir.setContent({
      live: {
        ...copyTree(EXAMPLE_LIVE),
        'thanos/eu-west-3/region_values.yaml': 'aws_region: eu-west-3\n',
        'thanos/eu-west-3/clusters/payments/cluster_values.yaml':
          'name: payments\n',
        'thanos/eu-west-3/clusters/payments/catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Resource\n',
        'thanos/eu-west-3/clusters/broken/eks-addons/terragrunt.hcl':
          'inputs = {\n  thanos-tls-querier = {\n',
      },
    });
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleThanos,
        logger.factory,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Resource'] }],
              providers: {
                thanos: {
                  demo: {
                    target: `file:${path.join(mockDir.path, 'live')}`,
                    instance: 'observer',
                    owner: 'group:default/platform-team',
                    system: 'thanos-monitoring',
                    schedule: {
                      frequency: { minutes: 30 },
                      timeout: { minutes: 1 },
                    },
                  },
                },
              },
            },
          },
        }),
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
  });

  async function entitiesOnceProcessed(count: number) {
    for (let i = 0; i < 300; i++) {
      const res = await request(backend.server)
        .get('/api/catalog/entities/by-query')
        .query({ filter: 'kind=resource' });
      if (res.status === 200 && res.body.items.length >= count)
        return res.body.items as any[];
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`the catalog never held ${count} resources`);
  }

  it('emits one Resource per cluster folder, with the Thanos annotations and labels', async () => {
    const items = await entitiesOnceProcessed(2);
    const byName = Object.fromEntries(items.map(e => [e.metadata.name, e]));
    expect(Object.keys(byName).sort()).toEqual([
      'acme-thanos-observee-2',
      'acme-thanos-observer',
    ]);
    const observee = byName['acme-thanos-observee-2'];
    expect(observee.metadata.labels).toEqual({
      'thanos.io/role': 'observee',
      'aws-region': 'eu-west-1',
    });
    expect(observee.metadata.annotations).toMatchObject({
      'thanos.io/external-labels': 'cluster=acme-thanos-observee-2',
      'thanos.io/observee-key': 'observee-2',
      'thanos.io/instance': 'observer',
      'thanos.io/registered': 'true',
      'thanos.io/environment': 'thanos',
      'thanos.io/cluster-folder': 'observee-2',
    });
    expect(observee.spec).toEqual({
      type: 'kubernetes-cluster',
      owner: 'group:default/platform-team',
      system: 'thanos-monitoring',
      dependsOn: ['resource:default/acme-thanos-observer'],
    });
    expect(byName['acme-thanos-observer'].metadata.labels).toEqual({
      'thanos.io/role': 'observer',
      'aws-region': 'eu-west-1',
    });
  }, 60_000);

  it('leaves a folder with its own catalog-info.yaml to it, and logs and skips one that does not parse', async () => {
    await entitiesOnceProcessed(2);
    expect(providerLogger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Skipped cluster folder file:.*thanos\/eu-west-3\/clusters\/broken: /,
      ),
    );
    expect(providerLogger.info).toHaveBeenCalledWith(
      'Read 4 cluster folders: emitted 2, left 1 to their own catalog-info.yaml, skipped 1',
    );
  }, 60_000);
});
