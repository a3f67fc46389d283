import { UrlReaderService } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The files the provider needs from a live folder: value files, `eks-addons` units and
 * `catalog-info.yaml`, by path relative to the live folder. Nothing else is read.
 */
export function isNeededFile(relPath: string): boolean {
  const base = relPath.split('/').pop();
  return (
    base === 'global_values.yaml' ||
    base === 'global_tags.yaml' ||
    base === 'env_tags.yaml' ||
    base === 'catalog-info.yaml' ||
    /(^|\/)clusters\/[^/]+\/eks-addons\/terragrunt\.hcl$/.test(relPath) ||
    /(^|\/)clusters\/[^/]+\/cluster_values\.yaml$/.test(relPath)
  );
}

/** Reads a live folder's needed files; one strategy per kind of target. */
export interface LiveFolderReader {
  read(): Promise<Map<string, string>>;
}

/** Any URL a configured integration reads (GitHub, GitLab, …), through the urlReader service. */
export class UrlLiveFolderReader implements LiveFolderReader {
  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly target: string,
  ) {}

  async read(): Promise<Map<string, string>> {
    const tree = await this.urlReader.readTree(this.target, {
      filter: (p, info) => isNeededFile(p) && (info?.size ?? 0) < 1024 * 1024,
    });
    const files = new Map<string, string>();
    for (const file of await tree.files()) {
      files.set(file.path, (await file.content()).toString('utf8'));
    }
    return files;
  }
}

/**
 * A `file:` folder on the backend's disk, for local use (the urlReader service reads no `file:`
 * URLs). Symlinks are not followed.
 */
export class LocalLiveFolderReader implements LiveFolderReader {
  private readonly root: string;

  constructor(target: string) {
    this.root = path.resolve(target.replace(/^file:/, ''));
  }

  async read(): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    const walk = async (dir: string, prefix: string) => {
      for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
        const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          await walk(path.join(dir, entry.name), rel);
        } else if (entry.isFile() && isNeededFile(rel)) {
          files.set(rel, await fs.readFile(path.join(dir, entry.name), 'utf8'));
        }
      }
    };
    await walk(this.root, '');
    return files;
  }
}

export function liveFolderReaderFor(
  target: string,
  urlReader: UrlReaderService,
): LiveFolderReader {
  return target.startsWith('file:')
    ? new LocalLiveFolderReader(target)
    : new UrlLiveFolderReader(urlReader, target);
}
