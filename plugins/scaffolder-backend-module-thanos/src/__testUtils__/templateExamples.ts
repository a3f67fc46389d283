import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  TemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { exampleRepoFiles } from './infraRepoFixture';

/**
 * What the `*.examples.test.ts` files share: each runs every documented example of its action
 * against the example infra repo, so the docs cannot drift from the action.
 */

/**
 * The input of the example's first step, with each template expression that is a key of
 * `templateValues` (e.g. `${{ steps['create'].output.observeeKey }}`) replaced by its value: what
 * the scaffolder would have rendered there.
 */
export function exampleStepInput(
  example: TemplateExample,
  templateValues: Record<string, string> = {},
): any {
  const render = (value: unknown): unknown => {
    if (typeof value === 'string') return templateValues[value] ?? value;
    if (Array.isArray(value)) return value.map(render);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, render(v)]),
      );
    }
    return value;
  };
  return render(yaml.parse(example.example).steps[0].input);
}

/**
 * A workspace holding the example infra repo at `repoPath`, and an action context for `input`
 * in it. The mock directory is emptied and refilled on every call.
 */
export function exampleActionContext(
  mockDir: ReturnType<typeof createMockDirectory>,
  input: any,
): {
  ctx: ReturnType<typeof createMockActionContext<any>>;
  workspacePath: string;
} {
  const repoPath = input.repoPath ?? '.';
  mockDir.setContent({
    workspace: exampleRepoFiles(repoPath === '.' ? '' : repoPath),
  });
  const workspacePath = path.join(mockDir.path, 'workspace');
  const ctx = createMockActionContext({
    input,
    workspacePath,
    logger: mockServices.logger.mock(),
  });
  return { ctx, workspacePath };
}

/**
 * Runs `action` on the example's first step (see {@link exampleStepInput}) in a workspace holding
 * the example infra repo, and resolves to the context it ran with.
 */
export async function runExample(
  mockDir: ReturnType<typeof createMockDirectory>,
  action: TemplateAction<any, any, any>,
  example: TemplateExample,
  templateValues: Record<string, string> = {},
): Promise<{
  ctx: ReturnType<typeof createMockActionContext<any>>;
  workspacePath: string;
}> {
  const run = exampleActionContext(
    mockDir,
    exampleStepInput(example, templateValues),
  );
  await action.handler(run.ctx);
  return run;
}

/** The text of a file the action wrote under the default `outputPath`, `pr`. */
export function writtenFile(workspacePath: string, repoPath: string): string {
  return fs.readFileSync(path.join(workspacePath, 'pr', repoPath), 'utf8');
}
