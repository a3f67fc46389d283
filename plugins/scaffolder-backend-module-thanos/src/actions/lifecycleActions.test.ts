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
import { decommissionObserveeAction } from './decommissionObservee';
import { deregisterObserverAction } from './deregisterObserver';

const CLUSTER = 'terragrunt/live/thanos/eu-west-1/clusters/observee-2';

// The first edit compiles HashiCorp's parser and formatter (WASM): seconds on a busy machine, more
// than Jest's default 5 s. A test that timed out would leave its handler writing into the next
// test's workspace.
jest.setTimeout(30_000);

describe('decommission actions', () => {
  const mockDir = createMockDirectory();
  const workspace = () => path.join(mockDir.path, 'workspace');

  beforeEach(() => {
    mockDir.setContent({
      workspace: exampleRepoFiles('repo'),
      outside: { 'secret.hcl': 'x = 1\n' },
    });
  });

  async function run(
    action: ReturnType<
      typeof deregisterObserverAction | typeof decommissionObserveeAction
    >,
    input: Record<string, unknown>,
    isDryRun = false,
  ) {
    const base = createMockActionContext({
      input: input as any,
      workspacePath: workspace(),
      logger: mockServices.logger.mock(),
    });
    const ctx = { ...base, isDryRun };
    await action.handler(ctx as any);
    return Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
  }

  describe('thanos:observer:deregister', () => {
    const action = deregisterObserverAction();
    const input = {
      repoPath: 'repo',
      environment: 'thanos',
      observer: { region: 'eu-west-1', name: 'observer' },
      observee: { key: 'observee-2' },
    };

    it('writes the observer file without the entries, with a diff of removed lines only', async () => {
      const outputs = await run(action, input, true);
      expect(outputs.files).toEqual([OBSERVER_ADDONS_PATH]);
      const lines = (outputs.diff as string).split('\n');
      expect(
        lines.filter(l => l.startsWith('+') && !l.startsWith('+++')),
      ).toEqual([]);
      expect(
        lines.filter(l => l.startsWith('-') && !l.startsWith('---')),
      ).toHaveLength(15);
      const edited = fs.readFileSync(
        path.join(workspace(), 'pr', OBSERVER_ADDONS_PATH),
        'utf8',
      );
      expect(edited).not.toContain('observee-2');
      // The checked-out repo is never modified.
      expect(
        fs.readFileSync(
          path.join(workspace(), 'repo', OBSERVER_ADDONS_PATH),
          'utf8',
        ),
      ).toContain('"observee-2" = {');
    });

    it.each([
      [
        { observee: { key: 'Observee_2' } },
        /^observee\.key must be a DNS label/,
      ],
      [{ observer: { region: 'moon', name: 'observer' } }, /^observer\.region/],
      [{ repoPath: '../outside' }, /^repoPath must be a relative folder/],
      [{ ifMissing: 'fail', observee: { key: 'payments' } }, /in neither/],
      [
        { observer: { region: 'eu-west-1', name: 'observee-2' } },
        /is in neither/,
      ],
      [
        { observer: { region: 'eu-west-3', name: 'observer' } },
        /does not exist in the infra repo/,
      ],
    ])('refuses %j and writes nothing', async (override, message) => {
      await expect(run(action, { ...input, ...override })).rejects.toThrow(
        message,
      );
      expect(fs.existsSync(path.join(workspace(), 'pr'))).toBe(false);
    });
  });

  describe('thanos:observee:decommission', () => {
    const action = decommissionObserveeAction();
    const input = {
      repoPath: 'repo',
      environment: 'thanos',
      region: 'eu-west-1',
      name: 'observee-2',
    };

    it("lists every file of the cluster's folder and nothing else, and writes nothing", async () => {
      const outputs = await run(action, input);
      expect(outputs.filesToDelete).toEqual(
        Object.keys(exampleRepoFiles())
          .filter(p => p.startsWith(`${CLUSTER}/`))
          .sort(),
      );
      expect(outputs.filesToDelete).toContain(
        `${CLUSTER}/eks-addons/terragrunt.hcl`,
      );
      expect(outputs.clusterName).toBe('acme-thanos-observee-2');
      expect(fs.readdirSync(workspace())).toEqual(['repo']);
    });

    it('refuses the observer, naming the rule', async () => {
      await expect(run(action, { ...input, name: 'observer' })).rejects.toThrow(
        /^name: "observer" is the observer/,
      );
    });

    it.each([
      [{ name: 'payments' }, /^name: cluster folder .*payments does not exist/],
      [{ region: 'eu-west-3' }, /does not exist/],
      [{ name: '../observer' }, /^name must be a DNS label/],
      [{ liveDir: '/etc' }, /^liveDir must be a relative folder/],
      [{ environment: 'a/b' }, /^environment must be a DNS label/],
    ])('refuses %j', async (override, message) => {
      await expect(run(action, { ...input, ...override })).rejects.toThrow(
        message,
      );
    });

    it('lists a symlink as a file of its own and never follows it out of the folder', async () => {
      fs.symlinkSync(
        path.join(mockDir.path, 'outside'),
        path.join(workspace(), 'repo', CLUSTER, 'escape'),
      );
      const outputs = await run(action, input);
      expect(outputs.filesToDelete).toContain(`${CLUSTER}/escape`);
      expect(
        (outputs.filesToDelete as string[]).some(f => f.includes('secret')),
      ).toBe(false);
    });
  });
});
