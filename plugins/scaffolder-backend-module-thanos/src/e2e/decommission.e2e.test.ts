import path from 'node:path';
import { diffLines } from 'diff';
import {
  exampleRepoFiles,
  OBSERVER_ADDONS_PATH as OBSERVER_FILE,
} from '../__testUtils__/infraRepoFixture';
import { removeObserverEntries } from '../hcl/ObserverEntryRemover';
import {
  dryRun,
  dryRunLog,
  REPO_ROOT,
  runTask as runTemplateTask,
  templateEntityFromFile,
  undeclaredActionInputs,
  useScaffolderTestBackend,
} from './__testUtils__/scaffolderBackend';

/**
 * The real `templates/thanos-observee-decommission/template.yaml`, run by the real scaffolder
 * backend with its GitHub module and this module, against the example infra repo served by a fake
 * github.com; the catalog answers in Backstage's own entity shape.
 */

const TEMPLATE_DIR = path.join(
  REPO_ROOT,
  'templates/thanos-observee-decommission',
);
const CLUSTER_DIR = 'terragrunt/live/thanos/eu-west-1/clusters/observee-2';

/** A cluster Resource as the catalog provider of this project emits it. */
function clusterEntity(name: string, role: string, folder: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      labels: { 'thanos.io/role': role, 'aws-region': 'eu-west-1' },
      annotations: {
        'thanos.io/external-labels': `cluster=${name}`,
        'thanos.io/observee-key': folder,
        'thanos.io/instance': 'observer',
        'thanos.io/environment': 'thanos',
        'thanos.io/cluster-folder': folder,
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-team' },
  };
}

const ENTITIES: Record<string, object> = {
  'template:thanos-observee-decommission': templateEntityFromFile(
    path.join(TEMPLATE_DIR, 'template.yaml'),
  ),
  'resource:acme-thanos-observee-2': clusterEntity(
    'acme-thanos-observee-2',
    'observee',
    'observee-2',
  ),
  'resource:acme-thanos-observer': clusterEntity(
    'acme-thanos-observer',
    'observer',
    'observer',
  ),
};

const values = (cluster: string) => ({
  cluster,
  observer: 'resource:default/acme-thanos-observer',
  repoUrl: 'github.com?owner=acme&repo=infra',
  branch: 'main',
  liveDir: 'terragrunt/live',
});

describe('thanos-observee-decommission template, end to end through the scaffolder', () => {
  const repoFiles = exampleRepoFiles();
  const scaffolder = useScaffolderTestBackend({
    repoFiles: () => repoFiles,
    catalogEntity: (kind, name) => ENTITIES[`${kind}:${name}`],
    workingDirectoryPrefix: 'thanos-decommission-e2e-',
  });
  const { github, unexpectedRequests } = scaffolder;

  const runTask = (cluster: string) =>
    runTemplateTask(
      scaffolder.backend(),
      'template:default/thanos-observee-decommission',
      values(cluster),
    );

  it("opens one pull request that deletes exactly the cluster's files and changes only the observer file", async () => {
    const { status, log } = await runTask(
      'resource:default/acme-thanos-observee-2',
    );
    expect({ status, log: status === 'completed' ? '' : log }).toEqual({
      status: 'completed',
      log: '',
    });
    expect(unexpectedRequests).toEqual([]);
    expect(github.pullRequests).toHaveLength(1);
    const pr = github.pullRequests[0];
    expect(pr.branch).toBe('thanos-decommission-observee-2');
    expect(pr.title).toBe(
      'Decommission Thanos observee acme-thanos-observee-2',
    );

    const clusterFiles = Object.keys(repoFiles)
      .filter(f => f.startsWith(`${CLUSTER_DIR}/`))
      .sort();
    expect(clusterFiles).toContain(`${CLUSTER_DIR}/eks/terragrunt.hcl`);
    expect([...pr.deleted].sort()).toEqual(clusterFiles);
    expect(Object.keys(pr.files)).toEqual([OBSERVER_FILE]);

    const expected = await removeObserverEntries({
      source: repoFiles[OBSERVER_FILE],
      path: OBSERVER_FILE,
      key: 'observee-2',
      ifMissing: 'fail',
    });
    expect(pr.files[OBSERVER_FILE]).toBe(expected.text);
    const changes = diffLines(
      repoFiles[OBSERVER_FILE],
      pr.files[OBSERVER_FILE],
    );
    expect(changes.filter(c => c.added)).toEqual([]);
    expect(changes.filter(c => c.removed).map(c => c.count)).toEqual([8, 7]);

    expect(pr.body).toContain(
      `every file of the cluster's folder (${clusterFiles.length} files)`,
    );
    expect(pr.body).toMatch(
      /1\. Observer `eks-addons` first[\s\S]*2\. Then destroy the observee units/,
    );
  }, 60_000);

  it('refuses to decommission the observer, before any pull request', async () => {
    const { status, log } = await runTask(
      'resource:default/acme-thanos-observer',
    );
    expect(status).toBe('failed');
    expect(log).toContain('name: "observer" is the observer');
    expect(github.writeRequests).toEqual([]);
  }, 60_000);

  it('lists the deleted files and the observer diff in a dry run, without writing to GitHub', async () => {
    const response = await dryRun(scaffolder.backend(), {
      template: ENTITIES['template:thanos-observee-decommission'],
      values: values('resource:default/acme-thanos-observee-2'),
      directoryContents: [],
    });
    expect(response.status).toBe(200);
    const messages = dryRunLog(response);
    expect(messages).toContain(`${CLUSTER_DIR}/vpc-endpoints/terragrunt.hcl`);
    expect(messages).toContain('-    "observee-2" = {');
    expect(github.writeRequests).toEqual([]);
    const written = (response.body.directoryContents as any[]).map(f => f.path);
    expect(written).toContain(`pr/${OBSERVER_FILE}`);
  }, 60_000);

  it.each(['template.yaml', 'template.gitlab.yaml'])(
    '%s uses only installed actions, with inputs those actions declare',
    async file => {
      const problems = await undeclaredActionInputs(
        scaffolder.backend(),
        path.join(TEMPLATE_DIR, file),
      );
      expect(problems).toEqual([]);
    },
  );
});
