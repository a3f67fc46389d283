import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from this file's place in `production/lib/`. */
export const REPO_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
);
export const BACKEND_DIR = path.join(REPO_ROOT, 'packages', 'backend');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'production', 'fixtures');
