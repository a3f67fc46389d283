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
import thanosModule from '../../index';
import { FakeGithub, fakeGithub } from './fakeGithub';

/**
 * The real scaffolder backend with its GitHub and GitLab modules and this module, started once per
 * test file, with msw playing every remote it calls: github.com (`fakeGithub`) and the catalog.
 * Calls between the test and the test backend stay real; any other request fails and is recorded
 * in `unexpectedRequests`.
 */

export type TestBackend = Awaited<ReturnType<typeof startTestBackend>>;

/** The repository's root folder, which holds the templates and the example infra repo. */
export const REPO_ROOT = path.resolve(__dirname, '../../../../..');

export interface ScaffolderTestBackend {
  /** Started in `beforeAll`. */
  backend(): TestBackend;
  /** github.com/acme/infra, branch main; emptied of pull requests before each test. */
  github: FakeGithub;
  /** Requests that reached no handler since the last test started. */
  unexpectedRequests: string[];
}

/**
 * A template entity as the catalog holds it after reading the template file from disk.
 *
 * @param file - absolute path of the template.yaml
 */
export function templateEntityFromFile(file: string) {
  const entity = yaml.parse(fs.readFileSync(file, 'utf8'));
  entity.metadata.namespace = 'default';
  entity.metadata.annotations = {
    'backstage.io/managed-by-location': `file:${file}`,
    'backstage.io/managed-by-origin-location': `file:${file}`,
  };
  return entity;
}

/** Backstage's "not found" answer of the catalog API. */
function catalogNotFound() {
  return HttpResponse.json(
    { error: { name: 'NotFoundError', message: 'not found' } },
    { status: 404 },
  );
}

/**
 * Registers the `beforeAll`, `beforeEach` and `afterAll` hooks of a describe block that runs
 * templates through the real scaffolder. github.com/acme/infra serves `repoFiles()` on branch
 * main. `catalogEntity` answers Backstage's catalog API
 * (`GET /api/catalog/entities/by-name/:kind/:namespace/:name`, as the scaffolder's catalog
 * client and `catalog:fetch` call it) with the entity, or 404 when it returns undefined.
 */
export function useScaffolderTestBackend(options: {
  repoFiles: () => Record<string, string>;
  catalogEntity: (kind: string, name: string) => object | undefined;
  workingDirectoryPrefix: string;
}): ScaffolderTestBackend {
  const github = fakeGithub({
    owner: 'acme',
    repo: 'infra',
    branch: 'main',
    files: options.repoFiles,
  });
  const unexpectedRequests: string[] = [];
  const fakeCatalog = http.get(
    '*/api/catalog/entities/by-name/:kind/:namespace/:name',
    ({ params }) => {
      const entity = options.catalogEntity(
        String(params.kind).toLowerCase(),
        String(params.name),
      );
      return entity ? HttpResponse.json(entity) : catalogNotFound();
    },
  );
  const testBackendCalls = http.all(
    /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/api\/scaffolder\//,
    () => passthrough(),
  );
  const server = setupServer();
  let backend: TestBackend | undefined;
  const workingDirectory = fs.mkdtempSync(
    path.join(os.tmpdir(), options.workingDirectoryPrefix),
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
    github.pullRequests.length = 0;
    github.writeRequests.length = 0;
    unexpectedRequests.length = 0;
  });

  afterAll(async () => {
    await backend?.stop();
    server.close();
    fs.rmSync(workingDirectory, { recursive: true, force: true });
  });

  return {
    backend: () => {
      if (!backend) throw new Error('The test backend has not started');
      return backend;
    },
    github,
    unexpectedRequests,
  };
}

/**
 * Starts a task of the template `templateRef` with `values` and waits for it to end. Resolves to
 * its final status and, joined by line breaks, the messages of its log.
 */
export async function runTask(
  backend: TestBackend,
  templateRef: string,
  values: object,
): Promise<{ status: string; log: string }> {
  const created = await request(backend.server)
    .post('/api/scaffolder/v2/tasks')
    .send({ templateRef, values });
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

/**
 * What the template file uses that the backend does not offer: steps whose action is not
 * installed, and inputs the installed action does not declare. Empty when there is nothing.
 */
export async function undeclaredActionInputs(
  backend: TestBackend,
  templateFile: string,
): Promise<string[]> {
  const actions = await request(backend.server).get(
    '/api/scaffolder/v2/actions',
  );
  const installed = new Map<string, any>(
    (actions.body as any[]).map(a => [a.id, a.schema?.input?.properties ?? {}]),
  );
  const template = yaml.parse(fs.readFileSync(templateFile, 'utf8'));
  return (template.spec.steps as any[]).flatMap(step => {
    const declared = installed.get(step.action);
    if (!declared)
      return [`${step.id}: action ${step.action} is not installed`];
    return Object.keys(step.input ?? {})
      .filter(name => !(name in declared))
      .map(name => `${step.id}: ${step.action} has no input "${name}"`);
  });
}

/** Runs `template` through the scaffolder's dry-run route. */
export function dryRun(
  backend: TestBackend,
  body: { template: object; values: object; directoryContents: object[] },
): Promise<request.Response> {
  return request(backend.server).post('/api/scaffolder/v2/dry-run').send(body);
}

/** The log messages of a dry run's response, joined by line breaks. */
export function dryRunLog(response: request.Response): string {
  return (response.body.log as any[])
    .map(l => String(l.body?.message ?? ''))
    .join('\n');
}
