import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { urlReaderServiceFactory } from '@backstage/backend-defaults/urlReader';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderGitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import yaml from 'yaml';
import thanosModule from '../index';
import { editObserverMaps } from '../observer/ObserverMapEditor';
import { fakeGithub } from './__testUtils__/fakeGithub';

/**
 * The real `templates/thanos-observee/template.yaml`, run by the real scaffolder backend with its
 * GitHub module and this module, against the example infra repo served by a fake github.com.
 */

const ROOT = path.resolve(__dirname, '../../../..');
const TEMPLATE_DIR = path.join(ROOT, 'templates/thanos-observee');
const TEMPLATE_FILE = path.join(TEMPLATE_DIR, 'template.yaml');
const EXAMPLE_REPO = path.join(ROOT, 'examples/infra-repo');
const OBSERVER_FILE =
  'terragrunt/live/thanos/eu-west-1/clusters/observer/eks-addons/terragrunt.hcl';
const CLUSTER_DIR = 'terragrunt/live/thanos/eu-west-3/clusters/payments';

function readTree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory())
      Object.assign(out, readTree(path.join(dir, entry.name), rel));
    else if (entry.isFile())
      out[rel] = fs.readFileSync(path.join(dir, entry.name), 'utf8');
  }
  return out;
}

/** The template entity as the catalog would hold it after reading template.yaml from disk. */
function templateEntity(transform: (steps: any[]) => any[] = s => s) {
  const entity = yaml.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8'));
  entity.metadata.namespace = 'default';
  entity.metadata.annotations = {
    'backstage.io/managed-by-location': `file:${TEMPLATE_FILE}`,
    'backstage.io/managed-by-origin-location': `file:${TEMPLATE_FILE}`,
  };
  entity.spec.steps = transform(entity.spec.steps);
  return entity;
}

const withoutStep = (id: string) => (steps: any[]) =>
  steps.filter(s => s.id !== id);

const values = (clusterName: string) => ({
  clusterName,
  region: 'eu-west-3',
  environment: 'thanos',
  owner: 'group:default/platform-team',
  observerRegion: 'eu-west-1',
  observerName: 'observer',
  thanosInstance: 'observer',
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
  let repoFiles: Record<string, string> = readTree(EXAMPLE_REPO);
  let currentTemplate = templateEntity();
  const github = fakeGithub({
    owner: 'acme',
    repo: 'infra',
    branch: 'main',
    files: () => repoFiles,
  });
  const unexpectedRequests: string[] = [];
  // Backstage's own catalog API, as the scaffolder's catalog client calls it
  // (GET /api/catalog/entities/by-name/:kind/:namespace/:name, answering 404 when unknown).
  const fakeCatalog = http.get(
    '*/api/catalog/entities/by-name/:kind/:namespace/:name',
    ({ params }) =>
      String(params.kind).toLowerCase() === 'template' &&
      params.name === currentTemplate.metadata.name
        ? HttpResponse.json(currentTemplate)
        : HttpResponse.json(
            { error: { name: 'NotFoundError', message: 'not found' } },
            { status: 404 },
          ),
  );
  // Calls between the test and the test backend stay real.
  const testBackendCalls = http.all(
    /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/api\/scaffolder\//,
    () => passthrough(),
  );
  const server = setupServer();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const workingDirectory = fs.mkdtempSync(
    path.join(os.tmpdir(), 'thanos-e2e-'),
  );

  beforeAll(async () => {
    server.listen({
      onUnhandledFrame({ frame, defaults }) {
        const { request: req } = frame.data as { request?: Request };
        unexpectedRequests.push(
          req ? `${req.method} ${req.url}` : frame.protocol,
        );
        defaults.error();
      },
    });
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderGithubModule,
        scaffolderGitlabModule,
        thanosModule,
        urlReaderServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [{ host: 'github.com', token: 'ghp_test' }],
            },
            backend: { workingDirectory },
          },
        }),
      ],
    });
  }, 60_000);

  beforeEach(() => {
    server.resetHandlers(testBackendCalls, fakeCatalog, ...github.handlers);
    repoFiles = readTree(EXAMPLE_REPO);
    currentTemplate = templateEntity();
    github.pullRequests.length = 0;
    github.writeRequests.length = 0;
    unexpectedRequests.length = 0;
  });

  afterAll(async () => {
    await backend?.stop();
    server.close();
    fs.rmSync(workingDirectory, { recursive: true, force: true });
  });

  async function runTask(clusterName: string) {
    const created = await request(backend.server)
      .post('/api/scaffolder/v2/tasks')
      .send({
        templateRef: 'template:default/thanos-observee',
        values: values(clusterName),
      });
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (let i = 0; i < 300; i++) {
      const task = await request(backend.server).get(
        `/api/scaffolder/v2/tasks/${id}`,
      );
      if (task.body.status === 'completed' || task.body.status === 'failed') {
        const events = await request(backend.server).get(
          `/api/scaffolder/v2/tasks/${id}/events`,
        );
        const log = (events.body as any[])
          .map(e => String(e.body?.message ?? ''))
          .join('\n');
        return { status: task.body.status as string, log };
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`task ${id} did not finish`);
  }

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
    const skeleton = readTree(path.join(TEMPLATE_DIR, 'skeleton'), 'skeleton');
    const response = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .send({
        template: currentTemplate,
        values: values('payments'),
        directoryContents: Object.entries(skeleton).map(([p, content]) => ({
          path: p,
          base64Content: Buffer.from(content).toString('base64'),
        })),
      });
    expect(response.status).toBe(200);
    const messages = (response.body.log as any[]).map(l =>
      String(l.body?.message ?? ''),
    );
    expect(messages.join('\n')).toContain(
      'was written to the dry run workspace',
    );
    expect(messages.join('\n')).toContain('+    "payments" = {');
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
      const actions = await request(backend.server).get(
        '/api/scaffolder/v2/actions',
      );
      const installed = new Map<string, any>(
        (actions.body as any[]).map(a => [
          a.id,
          a.schema?.input?.properties ?? {},
        ]),
      );
      const template = yaml.parse(
        fs.readFileSync(path.join(TEMPLATE_DIR, file), 'utf8'),
      );
      const problems = (template.spec.steps as any[]).flatMap(step => {
        const declared = installed.get(step.action);
        if (!declared)
          return [`${step.id}: action ${step.action} is not installed`];
        return Object.keys(step.input ?? {})
          .filter(name => !(name in declared))
          .map(name => `${step.id}: ${step.action} has no input "${name}"`);
      });
      expect(problems).toEqual([]);
    },
  );
});
