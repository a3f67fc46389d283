import { posix } from 'node:path';

/**
 * Where things are in a Terragrunt live folder laid out as
 * `<live>/<env>/<region>/clusters/<cluster>/<unit>/terragrunt.hcl` (docs/infra-repo.md).
 */

/**
 * A cluster's place in the live folder.
 *
 * @public
 */
export interface ClusterLocation {
  environment: string;
  region: string;
  name: string;
}

/**
 * Repo-relative folder of a cluster: `<liveDir>/<env>/<region>/clusters/<name>`.
 *
 * @public
 */
export function clusterFolder(
  liveDir: string,
  cluster: ClusterLocation,
): string {
  return posix.join(
    liveDir,
    cluster.environment,
    cluster.region,
    'clusters',
    cluster.name,
  );
}

/**
 * Repo-relative path of a cluster's `eks-addons` unit, the one that holds the observer maps when
 * the cluster is the observer.
 *
 * @public
 */
export function eksAddonsUnitPath(
  liveDir: string,
  cluster: ClusterLocation,
): string {
  return posix.join(
    clusterFolder(liveDir, cluster),
    'eks-addons',
    'terragrunt.hcl',
  );
}

/**
 * The full cluster name the units compute in their locals, `<prefix>-<Env>-<name>`, which is
 * also the EKS cluster's name and the `cluster` external label of its Prometheus.
 *
 * @public
 */
export function fullClusterName(
  values: { prefix: string; env: string },
  name: string,
): string {
  return `${values.prefix}-${values.env}-${name}`;
}
