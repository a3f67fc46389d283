import { InputError } from '@backstage/errors';
import { shownInput } from '../shownInput';
import { posix } from 'path';
import {
  checkRegionValues,
  deriveEnvironmentValues,
  EnvironmentValues,
} from '@thanos-backstage/plugin-thanos-node';
import { InfraRepo } from '../workspace/infraRepo';
import { thanosCaConfigPath } from './renderEksAddonsUnit';
import { clusterDir, regionDir } from './renderObservee';
import { ObserveeRequest } from './request';

export interface ObserveeContext {
  env: EnvironmentValues;
  /** The region folder does not exist yet, so its region_values.yaml is part of the change. */
  regionIsNew: boolean;
}

/**
 * What the repo must already hold for a new observee: the value files its units read, no folder
 * of that name, and the observer's eks-addons unit its `thanos-ca` dependency points at.
 */
export async function loadObserveeContext(
  repo: InfraRepo,
  req: ObserveeRequest,
): Promise<ObserveeContext> {
  const live = posix.normalize(req.liveDir);
  if (!(await repo.isDirectory(live))) {
    throw new InputError(
      `liveDir: folder ${shownInput(live)} does not exist in repo ${shownInput(
        req.repoPath,
      )}`,
    );
  }
  const cluster = clusterDir(req);
  if (await repo.exists(cluster)) {
    throw new InputError(
      `name: cluster folder ${cluster} already exists; choose another name or edit that cluster by hand`,
    );
  }

  const region = regionDir(req);
  const envDir = posix.join(live, req.environment);
  if (!(await repo.isDirectory(envDir))) {
    throw new InputError(
      `environment: folder ${envDir} does not exist; create the environment (with its env_tags.yaml) first`,
    );
  }
  const env = deriveEnvironmentValues({
    globalValues: await repo.findInParentFolders(
      region,
      live,
      'global_values.yaml',
    ),
    globalTags: await repo.findInParentFolders(
      region,
      live,
      'global_tags.yaml',
    ),
    envTags: await repo.findInParentFolders(region, envDir, 'env_tags.yaml'),
  });

  const regionIsNew = !(await repo.exists(region));
  if (!regionIsNew) {
    const regionValues = await repo.readFile(
      posix.join(region, 'region_values.yaml'),
    );
    if (!regionValues) {
      throw new InputError(
        `Value file ${posix.join(
          region,
          'region_values.yaml',
        )} is missing; the region folder exists, so the units would find no aws_region`,
      );
    }
    checkRegionValues(regionValues, req.region);
  }

  const observerAddons = posix.join(
    cluster,
    'eks-addons',
    thanosCaConfigPath(req.observer),
    'terragrunt.hcl',
  );
  if (!(await repo.exists(observerAddons))) {
    throw new InputError(
      `observer: no observer unit at ${observerAddons}; the observee's thanos-ca dependency needs it (check observer.region and observer.name)`,
    );
  }
  return { env, regionIsNew };
}
