import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { shownInput } from '../shownInput';
import fs from 'fs/promises';
import { posix } from 'path';
import { ValueFile } from '@thanos-backstage/plugin-thanos-node';

/**
 * Read access to the infra repo checked out in the scaffolder workspace. Every path is resolved
 * inside the workspace, and symlinks that lead out of it are refused.
 */
export class InfraRepo {
  private constructor(
    private readonly workspaceRealPath: string,
    /** Absolute path of the repo root inside the workspace. */
    readonly root: string,
  ) {}

  static async open(
    workspacePath: string,
    repoPath: string,
  ): Promise<InfraRepo> {
    const workspaceRealPath = await fs.realpath(workspacePath);
    const root = resolveSafeChildPath(workspacePath, repoPath);
    const repo = new InfraRepo(workspaceRealPath, root);
    if (!(await repo.isDirectory('.'))) {
      throw new InputError(
        `repoPath: ${shownInput(
          repoPath,
        )} is not a folder in the workspace; fetch the infra repo there first`,
      );
    }
    return repo;
  }

  /** Absolute path of a repo-relative path, refused when it resolves outside the workspace. */
  private async resolve(relPath: string): Promise<string | undefined> {
    let absolute: string;
    try {
      absolute = resolveSafeChildPath(this.root, relPath);
    } catch {
      throw new NotAllowedError(
        `${shownInput(
          relPath,
        )} leads outside the workspace (through ".." or a symlink); refusing to read it`,
      );
    }
    let real: string;
    try {
      real = await fs.realpath(absolute);
    } catch {
      return undefined;
    }
    if (
      real !== this.workspaceRealPath &&
      !real.startsWith(`${this.workspaceRealPath}/`)
    ) {
      throw new NotAllowedError(
        `${shownInput(
          relPath,
        )} leads outside the workspace (through a symlink); refusing to read it`,
      );
    }
    return real;
  }

  async exists(relPath: string): Promise<boolean> {
    return (await this.resolve(relPath)) !== undefined;
  }

  async isDirectory(relPath: string): Promise<boolean> {
    const real = await this.resolve(relPath);
    return real !== undefined && (await fs.stat(real)).isDirectory();
  }

  async readFile(relPath: string): Promise<ValueFile | undefined> {
    const real = await this.resolve(relPath);
    if (real === undefined) return undefined;
    return { path: relPath, text: await fs.readFile(real, 'utf8') };
  }

  /**
   * Repo-relative paths of every file under the folder `relDir`, sorted. Symlinks are listed as
   * entries of their own and never followed, so nothing outside the folder is ever listed.
   */
  async listFiles(relDir: string): Promise<string[]> {
    const real = await this.resolve(relDir);
    if (real === undefined) return [];
    const files: string[] = [];
    const walk = async (absolute: string, relative: string) => {
      const entries = await fs.readdir(absolute, { withFileTypes: true });
      for (const entry of entries) {
        const childRel = posix.join(relative, entry.name);
        if (entry.isDirectory()) {
          await walk(`${absolute}/${entry.name}`, childRel);
        } else {
          files.push(childRel);
        }
      }
    };
    await walk(real, posix.normalize(relDir));
    return files.sort();
  }

  /**
   * Terragrunt's `find_in_parent_folders(fileName)` seen from `fromDir` (repo-relative), but never
   * above `stopDir`. Reports the file it expected at `stopDir` when none is found.
   */
  async findInParentFolders(
    fromDir: string,
    stopDir: string,
    fileName: string,
  ): Promise<ValueFile> {
    let dir = posix.normalize(fromDir);
    const stop = posix.normalize(stopDir);
    for (;;) {
      const file = await this.readFile(posix.join(dir, fileName));
      if (file) return file;
      if (dir === stop || dir === '.' || !dir.startsWith(stop)) break;
      dir = posix.dirname(dir);
    }
    throw new InputError(
      `Value file ${posix.join(
        stop,
        fileName,
      )} is missing (looked from ${fromDir} upwards); the generated units read it with find_in_parent_folders`,
    );
  }
}
