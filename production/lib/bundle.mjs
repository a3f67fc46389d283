import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  mkdir,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { BACKEND_DIR, REPO_ROOT } from './paths.mjs';

const run = promisify(execFile);

/** What `yarn build:backend` (`backstage-cli package build`) writes and the Dockerfile copies. */
export const BUNDLE_ARCHIVE = path.join(BACKEND_DIR, 'dist', 'bundle.tar.gz');

/**
 * Where the suites unpack the bundle: inside the repository, so that packages the bundle does
 * not carry (npm dependencies) resolve from the repository's `node_modules`, which the same
 * `yarn.lock` produced. `run-ci.sh` unpacks once per run and passes the directory on in
 * `PRODUCTION_BACKEND_BUNDLE_DIR`.
 */
export const DEFAULT_BUNDLE_DIR = path.join(
  BACKEND_DIR,
  'dist',
  'production-bundle',
);

/** Written after a complete unpack; older than the archive means the bundle was rebuilt. */
const UNPACKED_MARKER = '.unpacked';

let unpacking;

/**
 * The directory holding the unpacked backend bundle, unpacking `dist/bundle.tar.gz` first when
 * it is newer than the last unpack. Replicas spawned together share one unpack. Fails with what
 * to run when the bundle has not been built.
 */
export function backendBundleDir() {
  unpacking ??= prepareBundleDir().catch(error => {
    unpacking = undefined;
    throw error;
  });
  return unpacking;
}

async function prepareBundleDir() {
  const dir = process.env.PRODUCTION_BACKEND_BUNDLE_DIR ?? DEFAULT_BUNDLE_DIR;
  const marker = path.join(dir, UNPACKED_MARKER);
  const archive = existsSync(BUNDLE_ARCHIVE)
    ? await stat(BUNDLE_ARCHIVE)
    : undefined;
  if (existsSync(marker)) {
    if (!archive || (await stat(marker)).mtimeMs >= archive.mtimeMs) {
      return dir;
    }
  }
  if (!archive) {
    throw new Error(
      `${BUNDLE_ARCHIVE} does not exist: build the backend bundle first with \`yarn tsc && yarn build:backend\` (production/run-ci.sh does both)`,
    );
  }
  await unpackBundle(BUNDLE_ARCHIVE, dir);
  await writeFile(marker, `${new Date().toISOString()}\n`);
  return dir;
}

/**
 * Unpacks the bundle like the Dockerfile does (`tar xzf bundle.tar.gz`), then gives it what
 * `yarn workspaces focus --production` gives the image: a `node_modules` that links each
 * workspace package of the bundle (so `@thanos-backstage/plugin-thanos-backend` is the built
 * package, not the TypeScript sources) and each package's own nested `node_modules` from the
 * repository install.
 */
export async function unpackBundle(archive, dir) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await run('tar', ['xzf', archive, '-C', dir]);
  const workspaces = [];
  for (const group of ['packages', 'plugins']) {
    const groupDir = path.join(dir, group);
    if (!existsSync(groupDir)) continue;
    for (const entry of await readdir(groupDir)) {
      const packageJson = path.join(groupDir, entry, 'package.json');
      if (!existsSync(packageJson)) continue;
      const { name } = JSON.parse(await readFile(packageJson, 'utf8'));
      workspaces.push({ name, relative: path.join(group, entry) });
    }
  }
  for (const { name, relative } of workspaces) {
    const link = path.join(dir, 'node_modules', ...name.split('/'));
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(path.join(dir, relative), link, 'dir');
    const nested = path.join(REPO_ROOT, relative, 'node_modules');
    if (existsSync(nested)) {
      await symlink(nested, path.join(dir, relative, 'node_modules'), 'dir');
    }
  }
  return workspaces.map(w => w.name);
}
