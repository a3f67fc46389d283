import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'fs';
import path from 'path';
import { readFileTree } from './fileTree';
import { TEKS_VALUE_FILES } from '../observee/__fixtures__/teksReference';

/**
 * A teks-shaped infra repo for tests: the reference value files
 * (`observee/__fixtures__/teksReference.ts`) and the observer eks-addons unit of the example repo
 * shipped in `examples/infra-repo` (teks style).
 */
const EXAMPLE_REPO = resolvePackagePath(
  '@thanos-backstage/plugin-scaffolder-backend-module-thanos',
  '../../examples/infra-repo',
);

export const OBSERVER_ADDONS_PATH =
  'terragrunt/live/thanos/eu-west-1/clusters/observer/eks-addons/terragrunt.hcl';

export function teksRepoFiles(prefix = ''): Record<string, string> {
  const files: Record<string, string> = {
    ...TEKS_VALUE_FILES,
    [OBSERVER_ADDONS_PATH]: fs.readFileSync(
      path.join(EXAMPLE_REPO, OBSERVER_ADDONS_PATH),
      'utf8',
    ),
  };
  return Object.fromEntries(
    Object.entries(files).map(([p, content]) => [
      path.posix.join(prefix, p),
      content,
    ]),
  );
}

/** Every file of the example infra repo, keyed by its repo-relative path. */
export function exampleRepoFiles(prefix = ''): Record<string, string> {
  return readFileTree(EXAMPLE_REPO, prefix);
}
