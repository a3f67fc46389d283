import { InputError } from '@backstage/errors';
import { parse as parseYaml } from 'yaml';

/**
 * The values an observee's units compute in their `locals` from the repo's value files, computed
 * the same way here so the action's outputs equal what Terragrunt will see (teks
 * `terragrunt/live/thanos`, see docs/infra-repo.md, "Value files").
 *
 * @public
 */
export interface EnvironmentValues {
  prefix: string;
  /** `Env` of the merged global and env tags: the env part of every cluster name. */
  env: string;
  /** `Project` of the merged global and env tags. */
  project: string;
  defaultDomainName: string;
  /** `<Env>.<Project>.<default_domain_name>`, as the eks-addons locals build it. */
  domainSuffix: string;
  /** Optional `acme_email` of global_values.yaml, for the Let's Encrypt account. */
  acmeEmail?: string;
}

/**
 * A value file as read from the repo: its repo-relative path and its text.
 *
 * @public
 */
export interface ValueFile {
  path: string;
  text: string;
}

/**
 * Parses a value file the way `yamldecode` would accept it: a YAML mapping.
 *
 * @public
 */
export function parseValueFile(file: ValueFile): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseYaml(file.text);
  } catch (e) {
    throw new InputError(
      `Value file ${file.path} is not valid YAML: ${(e as Error).message}`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(`Value file ${file.path} must hold a YAML mapping`);
  }
  return parsed as Record<string, unknown>;
}

function requireKey(
  values: Record<string, unknown>,
  key: string,
  where: string,
): string {
  const value = values[key];
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return String(value);
  throw new InputError(
    `Value file ${where} has no ${
      value === undefined ? '' : 'usable '
    }key "${key}" (a non-empty string); the generated units read it`,
  );
}

/** @public */
export function deriveEnvironmentValues(files: {
  globalValues: ValueFile;
  globalTags: ValueFile;
  envTags: ValueFile;
}): EnvironmentValues {
  const globalValues = parseValueFile(files.globalValues);
  const tags = {
    ...parseValueFile(files.globalTags),
    ...parseValueFile(files.envTags),
  };
  const tagFiles = `${files.globalTags.path} or ${files.envTags.path}`;
  const prefix = requireKey(globalValues, 'prefix', files.globalValues.path);
  const defaultDomainName = requireKey(
    globalValues,
    'default_domain_name',
    files.globalValues.path,
  );
  const env = requireKey(tags, 'Env', tagFiles);
  const project = requireKey(tags, 'Project', tagFiles);
  const acmeEmail =
    typeof globalValues.acme_email === 'string'
      ? globalValues.acme_email
      : undefined;
  return {
    prefix,
    env,
    project,
    defaultDomainName,
    domainSuffix: `${env}.${project}.${defaultDomainName}`,
    acmeEmail,
  };
}

/**
 * The region a region_values.yaml names, refused when it disagrees with its folder.
 *
 * @public
 */
export function checkRegionValues(file: ValueFile, region: string): void {
  const awsRegion = requireKey(parseValueFile(file), 'aws_region', file.path);
  if (awsRegion !== region) {
    throw new InputError(
      `Value file ${file.path} says aws_region "${awsRegion}" but its folder is region "${region}"`,
    );
  }
}
