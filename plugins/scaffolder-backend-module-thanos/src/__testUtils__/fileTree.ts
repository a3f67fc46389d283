import fs from 'node:fs';
import path from 'node:path';

/**
 * Every file under `dir`, keyed by its path relative to `dir` (with `/`, behind `prefix`), with
 * its text: a folder of the repository as the tests hand it to a mock workspace or a fake remote.
 */
export function readFileTree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(out, readFileTree(full, rel));
    else if (entry.isFile()) out[rel] = fs.readFileSync(full, 'utf8');
  }
  return out;
}
