import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs';
import path from 'path';
import { teksRepoFiles } from '../__testUtils__/infraRepoFixture';
import { createObserveeAction } from './createObservee';

const CLUSTER = 'terragrunt/live/thanos/eu-west-3/clusters/observee';

const baseInput = {
  environment: 'thanos',
  region: 'eu-west-3',
  name: 'observee',
  observer: { region: 'eu-west-1', name: 'observer' },
};

describe('thanos:observee:create', () => {
  const mockDir = createMockDirectory();
  const workspace = () => path.join(mockDir.path, 'workspace');
  const action = createObserveeAction();

  beforeEach(() => {
    mockDir.setContent({ workspace: teksRepoFiles(), outside: {} });
  });

  async function run(input: Record<string, unknown>, isDryRun = false) {
    const logger = mockServices.logger.mock();
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace(),
        logger,
      }),
      isDryRun,
    };
    await action.handler(ctx as any);
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    return { ctx, logger, outputs };
  }

  const prExists = () => fs.existsSync(path.join(workspace(), 'pr'));

  it('writes the new cluster under pr/ with repo-relative paths and reports its names', async () => {
    const { outputs } = await run(baseInput);
    expect(outputs).toEqual({
      clusterName: 'pio-thanos-observee',
      sidecarHost:
        'thanos-sidecar.observee.thanos.teks-tg.clusterfrak-dynamics.io',
      bucket: 'thanos-store-pio-thanos-observee',
      observeeKey: 'observee',
      files: [
        'terragrunt/live/thanos/eu-west-3/region_values.yaml',
        `${CLUSTER}/cluster_values.yaml`,
        `${CLUSTER}/vpc/terragrunt.hcl`,
        `${CLUSTER}/vpc-endpoints/terragrunt.hcl`,
        `${CLUSTER}/eks/terragrunt.hcl`,
        `${CLUSTER}/eks-addons/terragrunt.hcl`,
      ],
    });
    for (const f of outputs.files) {
      expect(fs.existsSync(path.join(workspace(), 'pr', f))).toBe(true);
    }
    // Only the pull-request folder changes; the checked-out repo is left alone.
    expect(fs.existsSync(path.join(workspace(), CLUSTER))).toBe(false);
    expect(
      fs.readdirSync(workspace()).filter(e => e.startsWith('.thanos-observee')),
    ).toEqual([]);
  });

  it('logs one line per rendered file', async () => {
    const { logger } = await run(baseInput);
    const lines = (logger.info as jest.Mock).mock.calls.map(c => c[0]);
    expect(lines.filter((l: string) => l.startsWith('Rendered'))).toHaveLength(
      6,
    );
  });

  it('uses the given sidecar host in the ingress and the outputs', async () => {
    const { outputs } = await run({
      ...baseInput,
      sidecarHost: 'sidecar.obs.example.org',
    });
    expect(outputs.sidecarHost).toBe('sidecar.obs.example.org');
    const addons = fs.readFileSync(
      path.join(workspace(), 'pr', CLUSTER, 'eks-addons/terragrunt.hcl'),
      'utf8',
    );
    expect(addons).toContain('- "sidecar.obs.example.org"');
  });

  it('adds no region_values.yaml when the region folder exists', async () => {
    const { outputs } = await run({
      ...baseInput,
      region: 'eu-west-1',
      name: 'second',
    });
    expect(outputs.files).not.toContain(
      'terragrunt/live/thanos/eu-west-1/region_values.yaml',
    );
    expect(outputs.files).toContain(
      'terragrunt/live/thanos/eu-west-1/clusters/second/cluster_values.yaml',
    );
  });

  it('writes the same files into the dry run workspace, which the template editor lists', async () => {
    const { outputs } = await run(baseInput, true);
    expect(outputs.clusterName).toBe('pio-thanos-observee');
    expect(outputs.files).toHaveLength(6);
    expect(prExists()).toBe(true);
    expect(fs.readdirSync(workspace()).sort()).toEqual(['pr', 'terragrunt']);
    for (const file of outputs.files as string[]) {
      expect(fs.existsSync(path.join(workspace(), 'pr', file))).toBe(true);
    }
  });

  it('refuses an existing cluster folder and writes nothing', async () => {
    mockDir.addContent({
      [`workspace/${CLUSTER}/cluster_values.yaml`]: 'name: observee\n',
    });
    await expect(run(baseInput)).rejects.toThrow(
      /name: cluster folder .*clusters\/observee already exists/,
    );
    expect(prExists()).toBe(false);
  });

  it('refuses to overwrite a file already in the output folder, writing nothing', async () => {
    mockDir.addContent({
      [`workspace/pr/${CLUSTER}/eks/terragrunt.hcl`]: 'existing',
    });
    await expect(run(baseInput)).rejects.toThrow(
      /already exists in the output folder/,
    );
    expect(fs.existsSync(path.join(workspace(), 'pr', CLUSTER, 'vpc'))).toBe(
      false,
    );
  });

  it.each([
    [
      'terragrunt/live/global_values.yaml',
      /terragrunt\/live\/global_values.yaml is missing/,
    ],
    [
      'terragrunt/live/global_tags.yaml',
      /terragrunt\/live\/global_tags.yaml is missing/,
    ],
    [
      'terragrunt/live/thanos/env_tags.yaml',
      /terragrunt\/live\/thanos\/env_tags.yaml is missing/,
    ],
  ])('names the missing value file %s', async (file, message) => {
    fs.rmSync(path.join(workspace(), file));
    await expect(run(baseInput)).rejects.toThrow(message);
    expect(prExists()).toBe(false);
  });

  it('names the value file and key when a key is missing', async () => {
    mockDir.addContent({
      'workspace/terragrunt/live/global_values.yaml': 'prefix: pio\n',
    });
    await expect(run(baseInput)).rejects.toThrow(
      /terragrunt\/live\/global_values.yaml has no key "default_domain_name"/,
    );
  });

  it('names region_values.yaml when an existing region folder lacks it', async () => {
    fs.rmSync(
      path.join(
        workspace(),
        'terragrunt/live/thanos/eu-west-1/region_values.yaml',
      ),
    );
    await expect(
      run({ ...baseInput, region: 'eu-west-1', name: 'second' }),
    ).rejects.toThrow(
      /terragrunt\/live\/thanos\/eu-west-1\/region_values.yaml is missing/,
    );
  });

  it('refuses a region folder whose region_values.yaml names another region', async () => {
    mockDir.addContent({
      'workspace/terragrunt/live/thanos/eu-west-1/region_values.yaml':
        'aws_region: us-east-1\n',
    });
    await expect(
      run({ ...baseInput, region: 'eu-west-1', name: 'second' }),
    ).rejects.toThrow(
      /says aws_region "us-east-1" but its folder is region "eu-west-1"/,
    );
  });

  it('refuses an observer that has no eks-addons unit', async () => {
    await expect(
      run({ ...baseInput, observer: { region: 'eu-west-1', name: 'missing' } }),
    ).rejects.toThrow(
      /observer: no observer unit at .*clusters\/missing\/eks-addons/,
    );
  });

  it('refuses an environment folder that does not exist', async () => {
    await expect(run({ ...baseInput, environment: 'prod' })).rejects.toThrow(
      /environment: folder terragrunt\/live\/prod does not exist/,
    );
  });

  it('refuses a value file that is a symlink out of the workspace', async () => {
    mockDir.addContent({ 'outside/global_values.yaml': 'prefix: evil\n' });
    fs.rmSync(path.join(workspace(), 'terragrunt/live/global_values.yaml'));
    fs.symlinkSync(
      path.join(mockDir.path, 'outside/global_values.yaml'),
      path.join(workspace(), 'terragrunt/live/global_values.yaml'),
    );
    await expect(run(baseInput)).rejects.toThrow(/leads outside the workspace/);
    expect(prExists()).toBe(false);
  });

  it('refuses a repoPath outside the workspace', async () => {
    await expect(run({ ...baseInput, repoPath: '../outside' })).rejects.toThrow(
      /repoPath must be a relative folder path/,
    );
  });

  it('reads the repo from repoPath and honours liveDir', async () => {
    mockDir.setContent({ workspace: teksRepoFiles('infra') });
    fs.renameSync(
      path.join(workspace(), 'infra/terragrunt/live'),
      path.join(workspace(), 'infra/live'),
    );
    const { outputs } = await run({
      ...baseInput,
      repoPath: 'infra',
      liveDir: 'live',
    });
    expect(outputs.files[0]).toBe('live/thanos/eu-west-3/region_values.yaml');
    expect(
      fs.existsSync(path.join(workspace(), 'pr/live/thanos/eu-west-3')),
    ).toBe(true);
  });
});
