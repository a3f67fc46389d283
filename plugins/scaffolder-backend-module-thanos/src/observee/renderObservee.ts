import { posix } from 'path';
import { formatAndValidateHcl } from '@thanos-backstage/plugin-thanos-node';
import {
  bucketOf,
  checkDerivedNames,
  clusterNameOf,
  ObserveeNames,
} from '../names/derivedNames';
import { EnvironmentValues } from '@thanos-backstage/plugin-thanos-node';
import { renderEksAddonsUnit } from './renderEksAddonsUnit';
import { renderEksUnit } from './renderEksUnit';
import { renderVpcEndpointsUnit, renderVpcUnit } from './renderNetworkUnits';
import { renderClusterValues, renderRegionValues } from './renderValueFiles';
import { ObserveeRequest } from './request';

/** One file of the pull request: repo-relative path and full content. */
export interface RenderedFile {
  path: string;
  content: string;
}

export interface RenderedObservee {
  names: ObserveeNames;
  files: RenderedFile[];
}

/** The folder of a cluster, repo-relative. */
export function clusterDir(
  req: Pick<ObserveeRequest, 'liveDir' | 'environment' | 'region' | 'name'>,
) {
  return posix.join(
    req.liveDir,
    req.environment,
    req.region,
    'clusters',
    req.name,
  );
}

export function regionDir(
  req: Pick<ObserveeRequest, 'liveDir' | 'environment' | 'region'>,
) {
  return posix.join(req.liveDir, req.environment, req.region);
}

/** The names the units compute, derived the way their `locals` derive them. */
export function observeeNames(
  req: ObserveeRequest,
  env: EnvironmentValues,
): ObserveeNames {
  const clusterName = clusterNameOf(env.prefix, env.env, req.name);
  return {
    clusterName,
    observerClusterName: clusterNameOf(env.prefix, env.env, req.observer.name),
    observeeKey: req.name,
    bucket: bucketOf(clusterName),
    sidecarHost:
      req.sidecarHost ?? `thanos-sidecar.${req.name}.${env.domainSuffix}`,
  };
}

/**
 * Renders every file of a new observee (validated request), then formats each HCL file with
 * HashiCorp's formatter and parses it with HashiCorp's parser. Rejects with `InvalidHclError`
 * when a unit does not parse: nothing is returned to be written in that case.
 */
export async function renderObservee(
  req: ObserveeRequest,
  env: EnvironmentValues,
  opts: { regionIsNew: boolean },
): Promise<RenderedObservee> {
  const names = observeeNames(req, env);
  checkDerivedNames(names);
  const dir = clusterDir(req);
  const versions = req.moduleVersions;
  const units: Record<string, string> = {
    vpc: renderVpcUnit({ vpcVersion: versions.vpc, vpcCidr: req.vpcCidr }),
    'vpc-endpoints': renderVpcEndpointsUnit({ vpcVersion: versions.vpc }),
    eks: renderEksUnit({
      eksVersion: versions.eks,
      kubernetesVersion: req.kubernetesVersion,
      nodeGroup: req.nodeGroup,
    }),
    'eks-addons': renderEksAddonsUnit({
      addonsVersion: versions.addons,
      observer: req.observer,
      sidecarHost: names.sidecarHost,
      acmeEmail: env.acmeEmail ?? `admin@${env.defaultDomainName}`,
      prometheus: req.prometheus,
      compactor: req.compactor,
    }),
  };

  const files: RenderedFile[] = [];
  if (opts.regionIsNew) {
    files.push({
      path: posix.join(regionDir(req), 'region_values.yaml'),
      content: renderRegionValues(req.region),
    });
  }
  files.push({
    path: posix.join(dir, 'cluster_values.yaml'),
    content: renderClusterValues(req.name),
  });
  for (const [unitName, source] of Object.entries(units)) {
    const path = posix.join(dir, unitName, 'terragrunt.hcl');
    const { text } = await formatAndValidateHcl(path, source);
    files.push({ path, content: text });
  }
  return { names, files };
}
