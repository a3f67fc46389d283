// Installs packed plugin tarballs into a throwaway app outside the repository and imports each one
// the way an app does: backend packages with CommonJS `require` (the backend's build), common
// libraries with `require` and an ESM `import`, frontend packages through Jest's resolver
// (`backstage-cli package test`, as an app's own tests run). A wrong entry point, a file missing
// from `files` or an undeclared dependency fails here as it would in an adopting app.
//
// Usage: node scripts/pack-check/app-import.mjs <app folder> <tarball>...
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tarEntries, tarballManifest } from './tarball.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FRONTEND_ROLES = ['frontend-plugin', 'frontend-plugin-module'];
const BROWSER_ROLES = [...FRONTEND_ROLES, 'web-library'];
const BACKEND_FEATURE_ROLES = ['backend-plugin', 'backend-plugin-module'];

const [appDir, ...tarballs] = process.argv.slice(2).map(p => resolve(p));
if (!appDir || tarballs.length === 0) {
  console.error('usage: app-import.mjs <app folder> <tarball>...');
  process.exit(2);
}
if (!relative(ROOT, appDir).startsWith('..')) {
  console.error(
    `${appDir} is inside the repository; the app must be outside it`,
  );
  process.exit(2);
}

function run(command, args, { label, ...options } = {}) {
  console.log(`$ ${label ?? [command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: appDir,
    stdio: 'inherit',
    ...options,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.status})`,
    );
  }
}

const packages = [];
for (const file of tarballs) {
  const manifest = tarballManifest(tarEntries(await readFile(file)));
  packages.push({
    file,
    name: manifest.name,
    role: manifest.backstage?.role ?? 'unknown',
    manifest,
  });
}

// The app: the tarballs as dependencies (and as resolutions, so that the packages' dependencies
// on each other resolve to the tarballs rather than to the registry), the peer dependencies an
// app provides, and the test tooling of a Backstage app at the versions this repository uses.
const rootManifest = JSON.parse(
  await readFile(join(ROOT, 'package.json'), 'utf8'),
);
const pick = (source, names) =>
  Object.fromEntries(
    names.filter(name => source[name]).map(name => [name, source[name]]),
  );
const dependencies = {};
const resolutions = {};
for (const pkg of packages) {
  dependencies[pkg.name] = `file:${pkg.file}`;
  resolutions[pkg.name] = `file:${pkg.file}`;
  for (const [peer, range] of Object.entries(
    pkg.manifest.peerDependencies ?? {},
  )) {
    dependencies[peer] ??= range;
  }
}
await mkdir(join(appDir, 'src'), { recursive: true });
await writeFile(
  join(appDir, 'package.json'),
  `${JSON.stringify(
    {
      name: 'pack-check-app',
      private: true,
      backstage: { role: 'web-library' },
      dependencies,
      devDependencies: pick(rootManifest.devDependencies, [
        '@backstage/cli',
        '@backstage/cli-defaults',
        '@jest/environment-jsdom-abstract',
        '@types/jest',
        'jest',
        'jsdom',
      ]),
      resolutions: { ...rootManifest.resolutions, ...resolutions },
    },
    null,
    2,
  )}\n`,
);
// Install scripts stay off: no native module is needed to import the plugins, and native builds
// are the slowest and least reliable part of an install.
await writeFile(
  join(appDir, '.yarnrc.yml'),
  'nodeLinker: node-modules\nenableScripts: false\nenableTelemetry: false\n',
);
// Start from the repository's lockfile, so third-party packages resolve to the versions the
// repository is tested with (and from Yarn's cache); the tarballs themselves are resolved afresh.
await copyFile(join(ROOT, 'yarn.lock'), join(appDir, 'yarn.lock'));
run('yarn', ['install', '--no-immutable'], {
  env: { ...process.env, YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' },
});

// CommonJS: what the backend's build (and `backend.add(import(…))` after compilation) loads.
const nodePackages = packages.filter(p => !BROWSER_ROLES.includes(p.role));
await writeFile(
  join(appDir, 'require-packages.cjs'),
  `const assert = require('node:assert/strict');
const path = require('node:path');
const packages = ${JSON.stringify(
    nodePackages.map(({ name, role }) => ({ name, role })),
  )};
for (const { name, role } of packages) {
  const resolved = require.resolve(name);
  assert.match(resolved, /node_modules[\\\\/].+[\\\\/]dist[\\\\/]index\\.cjs\\.js$/, name + ' resolves to ' + resolved);
  const exported = require(name);
  for (const [key, value] of Object.entries(exported)) {
    assert.notEqual(value, undefined, name + ' exports ' + key + ' as undefined');
  }
  if (${JSON.stringify(BACKEND_FEATURE_ROLES)}.includes(role)) {
    assert.equal(exported.default?.$$type, '@backstage/BackendFeature', name + ': the default export is not a backend feature');
  }
  const manifest = require(name + '/package.json');
  if (manifest.configSchema) {
    const schema = require(path.join(path.dirname(require.resolve(name + '/package.json')), manifest.configSchema));
    assert.equal(typeof schema, 'object', name + ': config schema is not JSON');
  }
  console.log('require(' + JSON.stringify(name) + '): ' + Object.keys(exported).length + ' exports from ' + path.relative(process.cwd(), resolved));
}
`,
);
run('node', ['require-packages.cjs']);

// ESM import of the libraries that also ship an ESM build (what bundlers and ESM code load).
for (const pkg of packages.filter(p => p.role === 'common-library')) {
  run(
    'node',
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(pkg.name)});
const url = import.meta.resolve(${JSON.stringify(pkg.name)});
if (!/\\/dist\\/index\\.esm\\.js$/.test(url)) throw new Error('resolved to ' + url);
if (Object.keys(m).length < 2) throw new Error('no named exports');
console.log('import(${
        pkg.name
      }): ' + Object.keys(m).length + ' exports from ' + url);`,
    ],
    { label: `node --input-type=module: import(${JSON.stringify(pkg.name)})` },
  );
}

// Templates shipped in a package: every template of the repository's templates/ folder is there.
for (const pkg of packages.filter(p =>
  p.manifest.files?.includes('templates'),
)) {
  run(
    'node',
    [
      '-e',
      `const fs = require('node:fs'), path = require('node:path');
const dir = path.join(path.dirname(require.resolve(${JSON.stringify(
        `${pkg.name}/package.json`,
      )})), 'templates');
const expected = fs.readdirSync(${JSON.stringify(join(ROOT, 'templates'))});
for (const name of expected) {
  if (!fs.existsSync(path.join(dir, name, 'template.yaml'))) throw new Error(name + '/template.yaml is missing from ' + dir);
}
console.log('templates in ${pkg.name}: ' + fs.readdirSync(dir).join(', '));`,
    ],
    { label: `node: the templates in ${pkg.name}` },
  );
}

// Frontend packages through Jest's resolver, as an app's own tests import them.
const browserPackages = packages.filter(p => BROWSER_ROLES.includes(p.role));
for (const [index, pkg] of browserPackages.entries()) {
  const isFeature = FRONTEND_ROLES.includes(pkg.role);
  await writeFile(
    join(appDir, 'src', `browser${index}.test.ts`),
    `import * as exported from ${JSON.stringify(pkg.name)};

describe(${JSON.stringify(`${pkg.name} from its tarball`)}, () => {
  it('resolves to the built ESM entry point', () => {
    expect(require.resolve(${JSON.stringify(pkg.name)})).toMatch(
      /node_modules[\\\\/].+[\\\\/]dist[\\\\/]index\\.esm\\.js$/,
    );
  });

  it('exports what it declares', () => {
    const undefinedExports = Object.entries(exported)
      .filter(([, value]) => value === undefined)
      .map(([key]) => key);
    expect(undefinedExports).toEqual([]);${
      isFeature
        ? `
    expect(['@backstage/FrontendPlugin', '@backstage/FrontendModule']).toContain(
      (exported as any).default?.$$type,
    );`
        : ''
    }
  });
});
`,
  );
}
if (browserPackages.length > 0) {
  run('yarn', ['backstage-cli', 'package', 'test', '--watchAll=false'], {
    env: { ...process.env, CI: 'true' },
  });
}
console.log(
  `\nthe app in ${appDir} imported all ${packages.length} packages from their tarballs`,
);
