import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs';
import path from 'path';
import {
  exampleRepoFiles,
  OBSERVER_ADDONS_PATH,
} from '../__testUtils__/infraRepoFixture';
import { registerObserverAction } from './registerObserver';

const observee = {
  key: 'payments',
  sidecarHost: 'thanos-sidecar.payments.thanos.acme.example.com',
  bucket: 'thanos-store-acme-thanos-payments',
  region: 'eu-west-3',
};
const baseInput = {
  repoPath: 'repo',
  environment: 'thanos',
  observer: { region: 'eu-west-1', name: 'observer' },
  observee,
};

describe('thanos:observer:register', () => {
  const mockDir = createMockDirectory();
  const workspace = () => path.join(mockDir.path, 'workspace');
  const action = registerObserverAction();
  const original = () => exampleRepoFiles()[OBSERVER_ADDONS_PATH];
  const written = () => path.join(workspace(), 'pr', OBSERVER_ADDONS_PATH);

  beforeEach(() => {
    mockDir.setContent({
      workspace: exampleRepoFiles('repo'),
      outside: { 'secret.hcl': 'x = 1\n' },
    });
  });

  async function run(input: Record<string, unknown>, isDryRun = false) {
    const logger = mockServices.logger.mock();
    const base = createMockActionContext({
      input: input as any,
      workspacePath: workspace(),
      logger,
    });
    const ctx = {
      ...base,
      checkpoint: jest.fn(base.checkpoint) as typeof base.checkpoint,
      isDryRun,
    };
    await action.handler(ctx as any);
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    return { logger, outputs, ctx };
  }

  it('writes the edited observer file under pr/ at its repo-relative path, with a diff of added lines', async () => {
    const { outputs } = await run(baseInput);
    expect(outputs.files).toEqual([OBSERVER_ADDONS_PATH]);
    const diffLines = (outputs.diff as string).split('\n');
    expect(diffLines).toContain(`--- a/${OBSERVER_ADDONS_PATH}`);
    expect(diffLines).toContain(`+++ b/${OBSERVER_ADDONS_PATH}`);
    expect(
      diffLines.filter(l => l.startsWith('-') && !l.startsWith('---')),
    ).toEqual([]);
    expect(
      diffLines.filter(l => l.startsWith('+') && !l.startsWith('+++')),
    ).toHaveLength(15);
    expect(diffLines).toContain(
      '+        "thanos-sidecar.payments.thanos.acme.example.com:443"',
    );
    const edited = fs.readFileSync(written(), 'utf8');
    expect(edited).toContain(
      '      bucket                  = "thanos-store-acme-thanos-payments"',
    );
    // The checked-out repo itself is never modified; only the pull request folder is.
    expect(
      fs.readFileSync(
        path.join(workspace(), 'repo', OBSERVER_ADDONS_PATH),
        'utf8',
      ),
    ).toBe(original());
    expect(fs.readdirSync(path.join(workspace()))).toEqual(['pr', 'repo']);
  });

  it('on a dry run, writes the edited file into the dry run workspace without a checkpoint', async () => {
    const { outputs, ctx } = await run(baseInput, true);
    expect(outputs.diff).toContain('+    "payments" = {');
    const editedFile = path.join(workspace(), 'pr', outputs.files[0]);
    expect(fs.readFileSync(editedFile, 'utf8')).toContain('"payments" = {');
    expect(ctx.checkpoint).not.toHaveBeenCalled();
  });

  it('refuses an observee key that is already registered and writes nothing', async () => {
    await expect(
      run({ ...baseInput, observee: { ...observee, key: 'observee' } }),
    ).rejects.toThrow(
      /observee "observee" is already registered in inputs.thanos-tls-querier and inputs.thanos-storegateway/,
    );
    expect(fs.existsSync(path.join(workspace(), 'pr'))).toBe(false);
  });

  it('with ifExists: skip, says so, writes nothing and returns no files', async () => {
    const { outputs, logger } = await run({
      ...baseInput,
      observee: { ...observee, key: 'observee' },
      ifExists: 'skip',
    });
    expect(outputs).toEqual({ files: [], diff: '' });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/already registered .* left unchanged/),
    );
    expect(fs.existsSync(path.join(workspace(), 'pr'))).toBe(false);
  });

  it('names the missing observer unit', async () => {
    await expect(
      run({
        ...baseInput,
        observer: { region: 'eu-west-2', name: 'observer' },
      }),
    ).rejects.toThrow(
      'observer: terragrunt/live/thanos/eu-west-2/clusters/observer/eks-addons/terragrunt.hcl does not exist in the infra repo',
    );
  });

  it.each([
    [
      { observee: { ...observee, key: 'Payments' } },
      /^observee.key must be a DNS label/,
    ],
    [
      { observee: { ...observee, key: 'a'.repeat(31) } },
      /^observee.key must be at most 30 characters/,
    ],
    [
      { observee: { ...observee, sidecarHost: 'https://x.example.com' } },
      /^observee.sidecarHost must be a fully qualified/,
    ],
    [
      { observee: { ...observee, sidecarHost: 'x.${local.a}.com' } },
      /^observee.sidecarHost/,
    ],
    [
      { observee: { ...observee, bucket: 'Thanos_Bucket' } },
      /^observee.bucket must follow the S3 bucket naming rules/,
    ],
    [{ observee: { ...observee, bucket: '192.168.1.1' } }, /^observee.bucket/],
    [
      { observee: { ...observee, region: 'Paris' } },
      /^observee.region must be an AWS region code/,
    ],
    [
      { observer: { region: 'eu-west-1', name: '../x' } },
      /^observer.name must be a DNS label/,
    ],
    [{ environment: 'thanos/../../x' }, /^environment must be a DNS label/],
    [
      { outputPath: '../outside' },
      /^outputPath must be a relative folder path/,
    ],
  ])(
    'refuses bad input %#, naming the field and the rule',
    async (patch, message) => {
      await expect(run({ ...baseInput, ...patch })).rejects.toThrow(message);
    },
  );

  it('refuses to read an observer file that is a symlink leading out of the workspace', async () => {
    const inRepo = path.join(workspace(), 'repo', OBSERVER_ADDONS_PATH);
    fs.rmSync(inRepo);
    fs.symlinkSync(path.join(mockDir.path, 'outside', 'secret.hcl'), inRepo);
    await expect(run(baseInput)).rejects.toThrow(/leads outside the workspace/);
  });

  it('refuses to write through an output folder that is a symlink leading out of the workspace', async () => {
    fs.symlinkSync(
      path.join(mockDir.path, 'outside'),
      path.join(workspace(), 'pr'),
    );
    await expect(run(baseInput)).rejects.toThrow(/outside|not allowed/i);
    expect(fs.readdirSync(path.join(mockDir.path, 'outside'))).toEqual([
      'secret.hcl',
    ]);
  });
});
