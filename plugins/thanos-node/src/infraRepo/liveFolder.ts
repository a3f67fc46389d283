import { posix } from 'node:path';
import { deriveEnvironmentValues, ValueFile } from './environmentValues';
import { fullClusterName } from './layout';
import { readObserverMaps, Registration, registrationOf } from './observerMaps';

/**
 * Reads the clusters of a Terragrunt live folder from its files' text: which cluster folders
 * exist, their full names (computed from the value files as the units compute them), which one is
 * the observer of each environment (the cluster whose `eks-addons` unit holds the observer maps),
 * and whether each observee's key is registered in those maps. Pure: the caller reads the files.
 */

/**
 * The files of a live folder: path relative to the live folder (`thanos/eu-west-1/…`) → text.
 *
 * @public
 */
export type LiveFolderFiles = ReadonlyMap<string, string>;

/** @public */
export interface DiscoveredCluster {
  environment: string;
  region: string;
  /** Folder name under `clusters/`, also the observee key. */
  name: string;
  /** Folder relative to the live folder: `<env>/<region>/clusters/<name>`. */
  folder: string;
  /** `<prefix>-<Env>-<name>`. */
  fullName: string;
  role: 'observer' | 'observee';
  /** The folder has its own `catalog-info.yaml`. */
  hasCatalogInfo: boolean;
  /** For observees: the environment's observer, when it has exactly one. */
  observer?: { folder: string; fullName: string };
  /** For observees whose environment has exactly one observer: the key's state in its maps. */
  registration?: Registration;
}

/**
 * A cluster folder that could not be read, and why.
 *
 * @public
 */
export interface LiveFolderProblem {
  folder: string;
  message: string;
}

/** @public */
export interface LiveFolderClusters {
  clusters: DiscoveredCluster[];
  problems: LiveFolderProblem[];
}

const CLUSTER_FILE = /^([^/]+)\/([^/]+)\/clusters\/([^/]+)\//;

function findInParents(
  files: LiveFolderFiles,
  fromDir: string,
  fileName: string,
): ValueFile | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = dir === '.' ? fileName : posix.join(dir, fileName);
    const text = files.get(candidate);
    if (text !== undefined) return { path: candidate, text };
    if (dir === '.') return undefined;
    dir = posix.dirname(dir);
  }
}

function requireValueFile(
  files: LiveFolderFiles,
  fromDir: string,
  fileName: string,
): ValueFile {
  const file = findInParents(files, fromDir, fileName);
  if (!file) {
    throw new Error(
      `value file ${fileName} is missing (looked from ${fromDir} up to the live folder)`,
    );
  }
  return file;
}

type Read = Omit<DiscoveredCluster, 'observer' | 'registration'> & {
  maps?: Awaited<ReturnType<typeof readObserverMaps>>;
};

async function readCluster(
  files: LiveFolderFiles,
  environment: string,
  region: string,
  name: string,
): Promise<Read> {
  const folder = `${environment}/${region}/clusters/${name}`;
  const values = deriveEnvironmentValues({
    globalValues: requireValueFile(files, folder, 'global_values.yaml'),
    globalTags: requireValueFile(files, folder, 'global_tags.yaml'),
    envTags: requireValueFile(files, folder, 'env_tags.yaml'),
  });
  const unit = `${folder}/eks-addons/terragrunt.hcl`;
  const text = files.get(unit);
  const maps =
    text === undefined ? undefined : await readObserverMaps(unit, text);
  return {
    environment,
    region,
    name,
    folder,
    fullName: fullClusterName(values, name),
    role: maps ? 'observer' : 'observee',
    hasCatalogInfo: files.has(`${folder}/catalog-info.yaml`),
    maps,
  };
}

/**
 * Every cluster folder of the live folder (only those of `environments` when given), sorted by
 * folder. A folder whose value files or `eks-addons` unit cannot be read is reported in
 * `problems` and left out; the others are still returned.
 *
 * @public
 */
export async function readLiveFolderClusters(
  files: LiveFolderFiles,
  options: { environments?: string[] } = {},
): Promise<LiveFolderClusters> {
  const folders = new Map<string, [string, string, string]>();
  for (const file of files.keys()) {
    const m = CLUSTER_FILE.exec(file);
    if (!m) continue;
    if (options.environments && !options.environments.includes(m[1])) continue;
    folders.set(`${m[1]}/${m[2]}/clusters/${m[3]}`, [m[1], m[2], m[3]]);
  }
  const read: Read[] = [];
  const problems: LiveFolderProblem[] = [];
  for (const [folder, [environment, region, name]] of [
    ...folders.entries(),
  ].sort(([a], [b]) => a.localeCompare(b))) {
    try {
      read.push(await readCluster(files, environment, region, name));
    } catch (e) {
      problems.push({ folder, message: String((e as Error)?.message ?? e) });
    }
  }
  const clusters = read.map(
    ({ maps: _maps, ...cluster }): DiscoveredCluster => {
      if (cluster.role === 'observer') return cluster;
      const observers = read.filter(
        c => c.environment === cluster.environment && c.maps,
      );
      if (observers.length !== 1) return cluster;
      const [observer] = observers;
      return {
        ...cluster,
        observer: { folder: observer.folder, fullName: observer.fullName },
        registration: registrationOf(observer.maps!, cluster.name),
      };
    },
  );
  return { clusters, problems };
}
