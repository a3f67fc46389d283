// Comments and docs may point only to what a reader of the repository has: its own files. Fails on
// a pointer to a design note outside the repository, and on a relative Markdown link whose target
// is not a file or folder of the repository.
// Usage: node scripts/check-doc-links.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = 'scripts/check-doc-links.mjs';
const OUTSIDE_POINTERS = [
  /DESIGN(\.md)? §/,
  /\.\.\/shared\//,
  /notes\/(thanos|terragrunt-reference|backstage|install)\.md/,
  /\bnotes §/,
];

const files = execFileSync('git', ['ls-files', '-z'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\0')
  .filter(
    f =>
      f &&
      f !== SELF &&
      !f.startsWith('.yarn/') &&
      !/\.(png|jpg|ico|svg|lock)$/.test(f),
  );

const problems = [];
for (const file of files) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  text.split('\n').forEach((line, index) => {
    if (OUTSIDE_POINTERS.some(pattern => pattern.test(line))) {
      problems.push(
        `${file}:${index + 1}: points outside the repository: ${line.trim()}`,
      );
    }
  });
  if (!file.endsWith('.md')) continue;
  for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1].split('#')[0];
    if (!target || /^[a-z]+:/i.test(target)) continue;
    if (!existsSync(resolve(ROOT, dirname(file), target))) {
      problems.push(
        `${file}: link to ${match[1]}, which is not in the repository`,
      );
    }
  }
}
for (const problem of problems) console.error(problem);
if (problems.length > 0) process.exit(1);
console.log(
  `${files.length} files: every pointer and relative link stays inside the repository`,
);
