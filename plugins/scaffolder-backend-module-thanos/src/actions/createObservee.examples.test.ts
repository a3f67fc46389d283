import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'fs';
import path from 'path';
import yaml from 'yaml';
import { exampleActionContext } from '../__testUtils__/templateExamples';
import { createObserveeAction } from './createObservee';
import { examples } from './createObservee.examples';

/** Every documented example runs against the example infra repo, so the docs cannot drift. */
describe('thanos:observee:create examples', () => {
  const mockDir = createMockDirectory();
  const action = createObserveeAction();

  it.each(examples.map((e, i) => [i, e.description]))(
    'example %i runs: %s',
    async index => {
      const step = yaml.parse(examples[index as number].example).steps[0];
      expect(step.action).toBe(action.id);
      const { ctx, workspacePath } = exampleActionContext(mockDir, step.input);
      const output = jest.fn();
      await action.handler({ ...ctx, output } as any);
      const outputs = Object.fromEntries(output.mock.calls);
      expect(outputs.clusterName).toBe(`acme-thanos-${step.input.name}`);
      expect(outputs.observeeKey).toBe(step.input.name);
      for (const file of outputs.files) {
        expect(
          fs.existsSync(
            path.join(workspacePath, step.input.outputPath ?? 'pr', file),
          ),
        ).toBe(true);
      }
    },
  );
});
