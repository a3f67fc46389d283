import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { readFileTree } from '../__testUtils__/fileTree';
import {
  exampleRepoFiles,
  OBSERVER_ADDONS_PATH as OBSERVER_FILE,
} from '../__testUtils__/infraRepoFixture';
import { editObserverMaps } from '../hcl/ObserverMapEditor';
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
 * The real `templates/thanos-observee/template.yaml`, run by the real scaffolder backend with its
 * GitHub module and this module, against the example infra repo served by a fake github.com.
 */

const TEMPLATE_DIR = path.join(REPO_ROOT, 'templates/thanos-observee');
const TEMPLATE_FILE = path.join(TEMPLATE_DIR, 'template.yaml');
const CLUSTER_DIR = 'terragrunt/live/thanos/eu-west-3/clusters/payments';

/** The template entity as the catalog would hold it, its steps passed through `transform`. */
function templateEntity(transform: (steps: any[]) => any[] = s => s) {
  const entity = templateEntityFromFile(TEMPLATE_FILE);
  entity.spec.steps = transform(entity.spec.steps);
  return entity;
}

/** The demo observer entity (examples/thanos-clusters.yaml), as the catalog serves it. */
const OBSERVER_ENTITY = (() => {
  const docs = yaml.parseAllDocuments(
    fs.readFileSync(
      path.join(REPO_ROOT, 'examples/thanos-clusters.yaml'),
      'utf8',
    ),
  );
  const entity = docs
    .map(d => d.toJS())
    .find(e => e.metadata.name === 'pio-thanos-observer');
  return { ...entity, metadata: { ...entity.metadata, namespace: 'default' } };
})();

const withoutStep = (id: string) => (steps: any[]) =>
  steps.filter(s => s.id !== id);

const values = (clusterName: string) => ({
  clusterName,
  region: 'eu-west-3',
  environment: 'thanos',
  owner: 'group:default/platform-team',
  observer: 'resource:default/pio-thanos-observer',
  prometheusReplicas: 2,
  prometheusRetention: '2d',
  prometheusRetentionSize: '6GB',
  prometheusStorageSize: '20Gi',
  compactorRetentionRaw: '30d',
  compactorRetention5m: '90d',
  compactorRetention1h: '1y',
  repoUrl: 'github.com?owner=acme&repo=infra',
  branch: 'main',
  liveDir: 'terragrunt/live',
});

describe('thanos-observee template, end to end through the scaffolder', () => {
  let repoFiles: Record<string, string> = exampleRepoFiles();
  let currentTemplate = templateEntity();
  const scaffolder = useScaffolderTestBackend({
    repoFiles: () => repoFiles,
    catalogEntity: (kind, name) => {
      if (kind === 'template' && name === currentTemplate.metadata.name)
        return currentTemplate;
      if (kind === 'resource' && name === OBSERVER_ENTITY.metadata.name)
        return OBSERVER_ENTITY;
      return undefined;
    },
    workingDirectoryPrefix: 'thanos-e2e-',
  });
  const { github, unexpectedRequests } = scaffolder;

  beforeEach(() => {
    repoFiles = exampleRepoFiles();
    currentTemplate = templateEntity();
  });

  const runTask = (clusterName: string) =>
    runTemplateTask(
      scaffolder.backend(),
      'template:default/thanos-observee',
      values(clusterName),
    );

  it('opens one pull request with the new units, catalog-info.yaml and the edited observer file', async () => {
    const { status, log } = await runTask('payments');
    expect({ status, log: status === 'completed' ? '' : log }).toEqual({
      status: 'completed',
      log: '',
    });
    expect(unexpectedRequests).toEqual([]);
    expect(github.pullRequests).toHaveLength(1);
    const pr = github.pullRequests[0];
    expect(pr.branch).toBe('thanos-observee-payments');
    expect(pr.base).toBe('main');
    expect(pr.title).toBe('Onboard Thanos observee acme-thanos-payments');
    expect(Object.keys(pr.files).sort()).toEqual(
      [
        'terragrunt/live/thanos/eu-west-3/region_values.yaml',
        `${CLUSTER_DIR}/cluster_values.yaml`,
        `${CLUSTER_DIR}/vpc/terragrunt.hcl`,
        `${CLUSTER_DIR}/vpc-endpoints/terragrunt.hcl`,
        `${CLUSTER_DIR}/eks/terragrunt.hcl`,
        `${CLUSTER_DIR}/eks-addons/terragrunt.hcl`,
        `${CLUSTER_DIR}/catalog-info.yaml`,
        OBSERVER_FILE,
      ].sort(),
    );
    // Every file but the observer's is new to the repo.
    for (const file of Object.keys(pr.files).filter(f => f !== OBSERVER_FILE)) {
      expect(repoFiles[file]).toBeUndefined();
    }

    const sidecarHost = 'thanos-sidecar.payments.thanos.platform.example.com';
    const expectedObserver = await editObserverMaps({
      source: repoFiles[OBSERVER_FILE],
      path: OBSERVER_FILE,
      observee: {
        key: 'payments',
        sidecarHost,
        bucket: 'thanos-store-acme-thanos-payments',
        region: 'eu-west-3',
      },
      ifExists: 'fail',
    });
    expect(pr.files[OBSERVER_FILE]).toBe(expectedObserver.text);
    expect(pr.files[`${CLUSTER_DIR}/eks-addons/terragrunt.hcl`]).toContain(
      sidecarHost,
    );

    expect(yaml.parse(pr.files[`${CLUSTER_DIR}/catalog-info.yaml`])).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'acme-thanos-payments',
        title: 'acme-thanos-payments',
        description: 'Thanos observee acme-thanos-payments in eu-west-3',
        tags: ['thanos', 'observee', 'eu-west-3'],
        labels: { 'thanos.io/role': 'observee', 'aws-region': 'eu-west-3' },
        annotations: {
          'thanos.io/external-labels': 'cluster=acme-thanos-payments',
          'thanos.io/observee-key': 'payments',
          'thanos.io/kubernetes-cluster': 'acme-thanos-payments',
          'thanos.io/instance': 'observer',
          'thanos.io/environment': 'thanos',
          'thanos.io/cluster-folder': 'payments',
        },
      },
      spec: {
        type: 'kubernetes-cluster',
        owner: 'group:default/platform-team',
        system: 'thanos',
      },
    });

    for (const line of [
      '| Cluster | `acme-thanos-payments` (thanos, eu-west-3) |',
      '| Thanos bucket | `thanos-store-acme-thanos-payments` |',
      `| Sidecar host | \`${sidecarHost}:443\` |`,
      '| Observee key | `payments` |',
      '| Observer | `pio-thanos-observer` in eu-west-1 |',
      '2. Observee `vpc`',
      '6. Observer `eks-addons` again',
    ]) {
      expect(pr.body).toContain(line);
    }
  }, 60_000);

  it('fails, or sends a different file set, when either Thanos action is removed from the template', async () => {
    currentTemplate = templateEntity(withoutStep('register'));
    expect((await runTask('payments')).status).toBe('completed');
    expect(Object.keys(github.pullRequests[0].files)).not.toContain(
      OBSERVER_FILE,
    );

    github.pullRequests.length = 0;
    github.writeRequests.length = 0;
    currentTemplate = templateEntity(withoutStep('create'));
    const withoutCreate = await runTask('payments');
    expect(withoutCreate.status).toBe('failed');
    expect(withoutCreate.log).toContain(
      'Invalid input passed to action thanos:observer:register',
    );
    expect(github.writeRequests).toEqual([]);
  }, 60_000);

  it('refuses to onboard a cluster whose key is already in the observer maps, before any pull request', async () => {
    const { status, log } = await runTask('observee-2');
    expect(status).toBe('failed');
    expect(log).toContain(
      'observee "observee-2" is already registered in inputs.thanos-tls-querier and inputs.thanos-storegateway',
    );
    expect(github.writeRequests).toEqual([]);
  }, 60_000);

  it('refuses to onboard a cluster whose folder already exists in the repo, before any pull request', async () => {
    repoFiles[`${CLUSTER_DIR}/cluster_values.yaml`] = 'name: payments\n';
    const { status, log } = await runTask('payments');
    expect(status).toBe('failed');
    expect(log).toMatch(/clusters\/payments already exists/);
    expect(log).toContain(
      'Skipping step publish because a previous step failed',
    );
    expect(github.writeRequests).toEqual([]);
  }, 60_000);

  it('runs the whole template through the dry-run route without writing to GitHub', async () => {
    const skeleton = readFileTree(
      path.join(TEMPLATE_DIR, 'skeleton'),
      'skeleton',
    );
    const response = await dryRun(scaffolder.backend(), {
      template: currentTemplate,
      values: values('payments'),
      directoryContents: Object.entries(skeleton).map(([p, content]) => ({
        path: p,
        base64Content: Buffer.from(content).toString('base64'),
      })),
    });
    expect(response.status).toBe(200);
    const messages = dryRunLog(response);
    expect(messages).toContain('was written to the dry run workspace');
    expect(messages).toContain('+    "payments" = {');
    expect(github.writeRequests).toEqual([]);
    const written = (response.body.directoryContents as any[]).map(f => f.path);
    // The dry run's result lists what the template editor shows: the whole pull request.
    expect(written).toContain(`pr/${CLUSTER_DIR}/catalog-info.yaml`);
    expect(written).toContain(`pr/${CLUSTER_DIR}/eks-addons/terragrunt.hcl`);
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
