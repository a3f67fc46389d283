import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import fs from 'fs/promises';
import path from 'path';
import { RenderedFile } from '../observee/renderObservee';

/**
 * Writes the files of the pull request under `outputDir` (absolute, inside the workspace) at their
 * repo-relative paths. Everything is staged in a temporary folder inside `outputDir` first and
 * moved into place only when all of it was written, so a failure leaves no partial cluster behind.
 * The staging folder lives inside `outputDir` because that is the one folder known to be inside
 * the workspace (`outputPath: "."` is the workspace itself, whose parent is not ours to write).
 */
export async function writePullRequestFiles(
  outputDir: string,
  files: RenderedFile[],
): Promise<void> {
  const targets = files.map(f => resolveSafeChildPath(outputDir, f.path));
  for (const [i, target] of targets.entries()) {
    if (await exists(target)) {
      throw new ConflictError(
        `${files[i].path} already exists in the output folder; refusing to overwrite it`,
      );
    }
  }

  const createdOutputDir = !(await exists(outputDir));
  await fs.mkdir(outputDir, { recursive: true });
  const staging = await fs.mkdtemp(path.join(outputDir, '.thanos-observee-'));
  const moved: string[] = [];
  try {
    for (const file of files) {
      const staged = resolveSafeChildPath(staging, file.path);
      await fs.mkdir(path.dirname(staged), { recursive: true });
      await fs.writeFile(staged, file.content, { flag: 'wx' });
    }
    for (const [i, file] of files.entries()) {
      await fs.mkdir(path.dirname(targets[i]), { recursive: true });
      await fs.rename(resolveSafeChildPath(staging, file.path), targets[i]);
      moved.push(targets[i]);
    }
  } catch (e) {
    await Promise.all(moved.map(m => fs.rm(m, { force: true })));
    await fs.rm(staging, { recursive: true, force: true });
    // An output folder this call created and that is empty again goes too: nothing is left.
    if (createdOutputDir) await fs.rmdir(outputDir).catch(() => undefined);
    throw e;
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}
