import { createMockDirectory } from '@backstage/backend-test-utils';
import { runExample } from '../__testUtils__/templateExamples';
import { exampleRepoFiles } from '../__testUtils__/infraRepoFixture';
import { decommissionObserveeAction } from './decommissionObservee';
import { examples } from './decommissionObservee.examples';

const OBSERVEE_2 = 'terragrunt/live/thanos/eu-west-1/clusters/observee-2';

/** Runs every documented example against the example infra repo, so the docs cannot drift. */
describe('thanos:observee:decommission examples', () => {
  const mockDir = createMockDirectory();
  const action = decommissionObserveeAction();

  it.each(examples.map(e => [e.description, e] as const))(
    '%s',
    async (_, example) => {
      const { ctx } = await runExample(mockDir, action, example);
      const expected = Object.keys(exampleRepoFiles())
        .filter(p => p.startsWith(`${OBSERVEE_2}/`))
        .sort();
      expect(expected.length).toBeGreaterThan(4);
      expect(ctx.output).toHaveBeenCalledWith('filesToDelete', expected);
      expect(ctx.output).toHaveBeenCalledWith(
        'clusterName',
        'acme-thanos-observee-2',
      );
      expect(ctx.output).toHaveBeenCalledWith('observeeKey', 'observee-2');
    },
  );
});
