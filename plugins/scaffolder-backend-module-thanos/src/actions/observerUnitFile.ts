import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createTwoFilesPatch } from 'diff';
import { observerUnitPath } from '../observer/registration';
import { InfraRepo } from '../workspace/infraRepo';
import { writePullRequestFiles } from '../workspace/pullRequestFiles';
import {
  environmentInput,
  liveDirInput,
  observerInput,
  outputPathInput,
  repoPathInput,
  StringListSchema,
  Zod,
} from './inputSchema';

/**
 * What `thanos:observer:register` and `thanos:observer:deregister` do around their edit of the
 * observer's `eks-addons` unit: read it from the infra repo in the workspace, show the change as a
 * diff, and write the edited copy under `outputPath` for the pull request.
 */

/**
 * The inputs of an action that edits the observer unit: the five both actions start with (where
 * the repo is, and which observer unit to edit), then the action's own `inputs`.
 */
export function observerUnitInputs<
  I extends Record<string, (z: Zod) => unknown>,
>(inputs: I) {
  return {
    repoPath: repoPathInput,
    outputPath: outputPathInput(
      'Workspace folder that receives the edited observer file at its repo-relative path (the pull request source)',
    ),
    liveDir: liveDirInput,
    environment: environmentInput(),
    observer: observerInput(
      'The observer cluster whose eks-addons unit is edited',
    ),
    ...inputs,
  };
}

/** The `files` output of both actions. */
export const editedFilesOutput = (z: Zod): StringListSchema =>
  z
    .array(z.string())
    .describe(
      'Repo-relative paths written under outputPath (on a dry run: that would be written; empty when skipped)',
    );

/** What register and deregister need to know to edit the observer unit. */
export interface ObserverUnitEdit {
  /**
   * The edited text of the unit, or undefined when the input's skip choice leaves it unchanged.
   * Rejects when the edit is refused.
   */
  apply(source: string, unitPath: string): Promise<string | undefined>;
  /** The log line when the unit is left unchanged. */
  unchangedMessage(unitPath: string): string;
  /** The log line that shows the change. */
  changedMessage(unitPath: string, diff: string): string;
  /** The log line after a dry run wrote the edited copy, if the action logs one. */
  dryRunMessage?(unitPath: string): string;
  /** The key of the checkpoint around the write, so a retried task writes once. */
  checkpointKey: string;
}

type EditContext = Pick<
  ActionContext<{}, { files: string[]; diff: string }, 'v2'>,
  'workspacePath' | 'isDryRun' | 'checkpoint' | 'logger' | 'output'
>;

/**
 * Reads the observer unit, edits it, and writes the edited copy under `outputPath`, with the
 * outputs `files` and `diff`. A dry run's workspace is a throwaway copy, and the file written
 * there is what the template editor shows; checkpoints belong to real task runs only.
 */
export async function editObserverUnit(
  ctx: EditContext,
  input: Parameters<typeof observerUnitPath>[0] & {
    repoPath: string;
    outputPath: string;
  },
  edit: ObserverUnitEdit,
): Promise<void> {
  const unitPath = observerUnitPath(input);
  const repo = await InfraRepo.open(ctx.workspacePath, input.repoPath);
  const original = await repo.readFile(unitPath);
  if (!original) {
    throw new NotFoundError(
      `observer: ${unitPath} does not exist in the infra repo; check environment, observer.region and observer.name`,
    );
  }
  const edited = await edit.apply(original.text, unitPath);
  if (edited === undefined) {
    ctx.logger.info(edit.unchangedMessage(unitPath));
    ctx.output('files', []);
    ctx.output('diff', '');
    return;
  }

  const diff = createTwoFilesPatch(
    `a/${unitPath}`,
    `b/${unitPath}`,
    original.text,
    edited,
  );
  ctx.logger.info(edit.changedMessage(unitPath, diff));
  const write = async () => {
    const outputDir = resolveSafeChildPath(ctx.workspacePath, input.outputPath);
    await writePullRequestFiles(outputDir, [
      { path: unitPath, content: edited },
    ]);
  };
  if (ctx.isDryRun) {
    await write();
    if (edit.dryRunMessage) ctx.logger.info(edit.dryRunMessage(unitPath));
  } else {
    await ctx.checkpoint({ key: edit.checkpointKey, fn: write });
  }
  ctx.output('files', [unitPath]);
  ctx.output('diff', diff);
}
