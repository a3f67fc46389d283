import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  OBSERVER_MAPS,
  clusterFolder,
  deriveEnvironmentValues,
  fullClusterName,
  readObserverMaps,
} from '@thanos-backstage/plugin-thanos-node';
import { posix } from 'path';
import { checkAwsRegion, checkDnsLabel } from '../observer/registration';
import { shownInput } from '../shownInput';
import { InfraRepo } from '../workspace/infraRepo';
import { checkRelativeDir } from './validate';

/** The inputs of `thanos:observee:decommission` (see the plugin README), defaults applied. */
export interface DecommissionRequest {
  repoPath: string;
  liveDir: string;
  environment: string;
  region: string;
  name: string;
}

export interface DecommissionPlan {
  /** Repo-relative paths of every file in the cluster's folder. */
  filesToDelete: string[];
  clusterName: string;
  observeeKey: string;
}

export function validateDecommission(input: DecommissionRequest): void {
  checkRelativeDir('repoPath', input.repoPath);
  checkRelativeDir('liveDir', input.liveDir);
  checkDnsLabel('environment', input.environment);
  checkAwsRegion('region', input.region);
  checkDnsLabel('name', input.name);
}

/** Refuses the cluster when its eks-addons unit holds the observer maps. */
async function refuseObserver(repo: InfraRepo, folder: string, name: string) {
  const unit = posix.join(folder, 'eks-addons', 'terragrunt.hcl');
  const file = await repo.readFile(unit);
  if (!file) return;
  let maps;
  try {
    maps = await readObserverMaps(unit, file.text);
  } catch (e) {
    throw new InputError(
      `name: ${unit} does not parse with HashiCorp's HCL parser, so whether ${shownInput(
        name,
      )} is the observer cannot be told; fix the file first: ${String(
        (e as Error)?.message ?? e,
      )}`,
    );
  }
  if (maps) {
    throw new InputError(
      `name: ${shownInput(name)} is the observer (its ${unit} holds inputs.${
        OBSERVER_MAPS[0]
      } or inputs.${
        OBSERVER_MAPS[1]
      }); only observees can be decommissioned, the observer would take every observee's view with it`,
    );
  }
}

/**
 * Everything a decommission pull request removes from the cluster's folder, read from the repo;
 * writes nothing. Region value files stay: other clusters of the region read them.
 */
export async function planDecommission(
  repo: InfraRepo,
  input: DecommissionRequest,
): Promise<DecommissionPlan> {
  const live = posix.normalize(input.liveDir);
  const folder = clusterFolder(live, input);
  if (!(await repo.isDirectory(folder))) {
    throw new NotFoundError(
      `name: cluster folder ${folder} does not exist in repo ${shownInput(
        input.repoPath,
      )}; check environment, region and name`,
    );
  }
  await refuseObserver(repo, folder, input.name);

  const envDir = posix.join(live, input.environment);
  const env = deriveEnvironmentValues({
    globalValues: await repo.findInParentFolders(
      folder,
      live,
      'global_values.yaml',
    ),
    globalTags: await repo.findInParentFolders(
      folder,
      live,
      'global_tags.yaml',
    ),
    envTags: await repo.findInParentFolders(folder, envDir, 'env_tags.yaml'),
  });

  const filesToDelete = await repo.listFiles(folder);
  const outside = filesToDelete.find(f => !f.startsWith(`${folder}/`));
  if (outside !== undefined) {
    throw new NotAllowedError(
      `${shownInput(
        outside,
      )} is outside the cluster folder ${folder}; refusing to list it for deletion`,
    );
  }
  if (filesToDelete.length === 0) {
    throw new NotFoundError(
      `name: cluster folder ${folder} holds no files; there is nothing to delete`,
    );
  }
  return {
    filesToDelete,
    clusterName: fullClusterName(env, input.name),
    observeeKey: input.name,
  };
}
