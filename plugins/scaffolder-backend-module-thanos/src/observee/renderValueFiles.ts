import { stringify } from 'yaml';

/**
 * The value files a new cluster folder (and a new region folder) needs, in the reference's shape
 * (docs/infra-repo.md, "Value files": `cluster_values.yaml` holds `name`, `region_values.yaml`
 * holds `aws_region` and starts with `---`).
 */
export function renderClusterValues(name: string): string {
  return stringify({ name });
}

export function renderRegionValues(region: string): string {
  return `---\n${stringify({ aws_region: region })}`;
}
