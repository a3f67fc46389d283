// Lints packed plugin tarballs as a registry would serve them: lists their files, runs publint on
// each tarball, and runs Are the Types Wrong? (attw) on each one that ships type declarations.
//
// Usage: node scripts/pack-check/lint-tarballs.mjs <tarball>...
//
// Findings that follow from how `backstage-cli package build/prepack` lays out every Backstage
// package (the same findings appear on @backstage/* packages themselves) are allowed below, each
// with its reason and, where possible, limited to the roles and fields it concerns. Everything
// else fails the check; publint's suggestions are printed but do not fail it.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { tarEntries, tarballManifest } from './tarball.mjs';

const BROWSER_ROLES = [
  'frontend-plugin',
  'frontend-plugin-module',
  'web-library',
];
const ESM_BUILD_ROLES = [...BROWSER_ROLES, 'common-library'];
const CJS_FEATURE_ROLES = ['backend-plugin', 'backend-plugin-module'];

/** publint findings that are the Backstage build's layout, not a mistake of a package. */
const PUBLINT_ALLOWED = [
  {
    code: 'EXPORTS_TYPES_SHOULD_BE_FIRST',
    why: 'backstage-cli prepack writes the conditions in its own order (types after import/require); TypeScript still finds the declarations (attw "fallback condition", allowed below too)',
  },
  {
    code: 'EXPORTS_VALUE_INVALID',
    when: message => message.path.at(-1) === 'backstage',
    why: 'the "backstage" condition carries feature metadata for Backstage\'s feature discovery, not a file path',
  },
  {
    code: 'FILE_INVALID_FORMAT',
    when: (message, role) =>
      ESM_BUILD_ROLES.includes(role) && message.args.actualFormat === 'ESM',
    why: 'the .esm.js build is read as ESM by bundlers (module field, import condition) and by Node 22 through syntax detection; the app import test proves both',
  },
  {
    code: 'TYPES_NOT_EXPORTED',
    why: 'backstage-cli emits one index.d.ts for every condition',
  },
  {
    code: 'EXPORTS_TYPES_INVALID_FORMAT',
    why: 'backstage-cli emits one index.d.ts for every condition',
  },
  {
    code: 'CJS_WITH_ESMODULE_DEFAULT_EXPORT',
    when: (_message, role) => CJS_FEATURE_ROLES.includes(role),
    why: "backend features are the CommonJS build's default export; the backend loads them with import() and unwraps default, as the app import test does",
  },
];

/** attw rules ignored per role, for the same reasons. */
function attwIgnoredRules(role) {
  const rules = ['fallback-condition'];
  if (CJS_FEATURE_ROLES.includes(role)) rules.push('cjs-only-exports-default');
  if (ESM_BUILD_ROLES.includes(role)) rules.push('unexpected-module-syntax');
  return rules;
}

function formatSize(bytes) {
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} B`;
}

async function lintTarball(file) {
  const gzipped = await readFile(file);
  const entries = tarEntries(gzipped);
  const pkg = tarballManifest(entries);
  const role = pkg.backstage?.role ?? 'unknown';
  const problems = [];

  console.log(`\n### ${pkg.name}@${pkg.version} (${role})`);
  console.log(
    `    ${file.split('/').at(-1)}: ${formatSize(gzipped.length)} packed, ${
      entries.length
    } files, ${formatSize(
      entries.reduce((sum, e) => sum + e.size, 0),
    )} unpacked`,
  );
  for (const entry of entries) {
    console.log(
      `    ${formatSize(entry.size).padStart(9)}  ${entry.name.replace(
        /^package\//,
        '',
      )}`,
    );
  }

  // Every source file stays out; the entry points the manifest names are in the tarball.
  const names = new Set(entries.map(e => e.name.replace(/^package\//, '')));
  for (const name of names) {
    if (/^src\//.test(name) || /\.test\.[jt]sx?$/.test(name)) {
      problems.push(`ships a source or test file: ${name}`);
    }
  }
  for (const field of ['main', 'module', 'types']) {
    const target = pkg[field]?.replace(/^\.\//, '');
    if (target !== undefined && !names.has(target)) {
      problems.push(`${field} is ${pkg[field]}, which is not in the tarball`);
    }
  }
  if (
    typeof pkg.configSchema === 'string' &&
    !names.has(pkg.configSchema.replace(/^\.\//, ''))
  ) {
    problems.push(`configSchema ${pkg.configSchema} is not in the tarball`);
  }

  const { messages } = await publint({
    pack: {
      tarball: gzipped.buffer.slice(
        gzipped.byteOffset,
        gzipped.byteOffset + gzipped.length,
      ),
    },
    level: 'suggestion',
  });
  for (const message of messages) {
    const text = formatMessage(message, pkg, { color: false });
    const allowed = PUBLINT_ALLOWED.find(
      rule =>
        rule.code === message.code && (!rule.when || rule.when(message, role)),
    );
    if (message.type === 'suggestion') {
      console.log(`    publint suggestion: ${text}`);
    } else if (allowed) {
      console.log(`    publint ${message.type} allowed: ${text}`);
      console.log(`      because ${allowed.why}`);
    } else {
      problems.push(`publint ${message.type}: ${text}`);
    }
  }

  if (pkg.types) {
    const rules = attwIgnoredRules(role);
    const attw = spawnSync(
      'yarn',
      [
        'attw',
        file,
        '--format',
        'ascii',
        '--no-color',
        '--no-emoji',
        '--ignore-rules',
        ...rules,
      ],
      { encoding: 'utf8' },
    );
    const output = `${attw.stdout}${attw.stderr}`.trim();
    if (attw.status !== 0) {
      problems.push(`attw (ignoring ${rules.join(', ')}):\n${output}`);
    } else {
      console.log(`    attw: no problems (ignoring ${rules.join(', ')})`);
    }
  }

  for (const problem of problems) console.log(`    PROBLEM: ${problem}`);
  return { name: pkg.name, problems };
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: lint-tarballs.mjs <tarball>...');
  process.exit(2);
}
const results = [];
for (const file of files) results.push(await lintTarball(file));
const failed = results.filter(r => r.problems.length > 0);
if (failed.length > 0) {
  console.error(
    `\n${failed.length} of ${results.length} tarballs have problems: ${failed
      .map(r => r.name)
      .join(', ')}`,
  );
  process.exit(1);
}
console.log(`\nall ${results.length} tarballs pass publint and attw`);
