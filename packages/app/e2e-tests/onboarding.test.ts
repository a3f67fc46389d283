import { test, expect, Locator, Page } from '@playwright/test';
import { signInAsGuest } from './signIn';
import fs from 'fs';

/**
 * The onboarding template (templates/thanos-observee) dry-run in the scaffolder's Template Editor,
 * against the real backend and its real actions. The dry run writes nothing anywhere: the backend
 * runs every step on a scratch copy of the directory the editor sends, and
 * `publish:github:pull-request` only reports what it would open.
 */

// Relative to the repository root, where `yarn playwright test` runs; used in the READMEs.
const SCREENSHOTS = 'e2e-test-report/screenshots';
const TEMPLATE_DIR = 'templates/thanos-observee';
const INFRA_REPO_DIR = 'examples/infra-repo';

type TemplateFile = { path: string; content: string };

function readTree(root: string, prefix = ''): TemplateFile[] {
  return fs.readdirSync(root, { withFileTypes: true }).flatMap(entry => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = `${root}/${entry.name}`;
    return entry.isDirectory()
      ? readTree(full, relative)
      : [{ path: relative, content: fs.readFileSync(full, 'utf8') }];
  });
}

/**
 * The real template with two offline edits, both asserted so that a change to the template
 * cannot silently skip them:
 * - the fetch step reads `./infra-repo` (a copy of examples/infra-repo served inside the template
 *   folder) instead of GitHub, which this test cannot reach; the dry run resolves relative URLs
 *   against the folder the editor uploads;
 * - the publish step gets a placeholder token: `publish:github:pull-request` builds its GitHub
 *   client before it checks for a dry run, so without a GitHub token in the backend's config the
 *   dry run fails with "No token available"; with one it returns before any GitHub call.
 */
function templateFolderForOfflineDryRun(): TemplateFile[] {
  const template = fs.readFileSync(`${TEMPLATE_DIR}/template.yaml`, 'utf8');
  const offline = template
    .replace(/^(\s+url: )https:\/\/.*parseRepoUrl.*$/m, '$1./infra-repo')
    .replace(
      /(action: publish:github:pull-request\n(\s+)input:\n)/,
      '$1$2  token: offline-placeholder\n',
    );
  expect(offline).toMatch(/^\s+url: \.\/infra-repo$/m);
  expect(offline).toContain('token: offline-placeholder');
  return [
    { path: 'template.yaml', content: offline },
    ...readTree(`${TEMPLATE_DIR}/skeleton`, 'skeleton'),
    ...readTree(INFRA_REPO_DIR, 'infra-repo'),
  ];
}

/**
 * Stands in for the user choosing the template folder in the browser's directory picker, which
 * headless Chromium cannot show. The editor captures `window.showDirectoryPicker` when its module
 * loads, so this runs before the app. It returns a real directory handle from the origin-private
 * file system, because the editor keeps the handle in IndexedDB, which only stores real handles.
 */
async function serveTemplateFolder(page: Page, files: TemplateFile[]) {
  await page.addInitScript(served => {
    const folder = 'thanos-observee-template';
    (window as any).showDirectoryPicker = async () => {
      const root = await navigator.storage.getDirectory();
      await root
        .removeEntry(folder, { recursive: true })
        .catch(() => undefined);
      const directory = await root.getDirectoryHandle(folder, { create: true });
      for (const file of served) {
        const parts = file.path.split('/');
        let parent = directory;
        for (const part of parts.slice(0, -1)) {
          parent = await parent.getDirectoryHandle(part, { create: true });
        }
        const handle = await parent.getFileHandle(parts[parts.length - 1], {
          create: true,
        });
        const writable = await handle.createWritable();
        await writable.write(file.content);
        await writable.close();
      }
      return directory;
    };
  }, files);
}

/** The tree item `name` directly under `scope` (folders and files share one tree). */
function treeItem(scope: Locator, name: string): Locator {
  return scope
    .getByRole('treeitem')
    .filter({ has: scope.page().getByText(name, { exact: true }) })
    .first();
}

/** Expands the folders of `folderPath` in the dry-run file tree and returns the last one. */
async function openFolder(
  scope: Locator,
  folderPath: string,
): Promise<Locator> {
  let folder = scope;
  for (const name of folderPath.split('/')) {
    const item = treeItem(folder, name);
    if ((await item.getAttribute('aria-expanded')) !== 'true') {
      await item.getByText(name, { exact: true }).first().click();
    }
    await expect(item).toHaveAttribute('aria-expanded', 'true');
    folder = item;
  }
  return folder;
}

/**
 * Waits for `text` in the file viewer, scrolling down: the viewer (CodeMirror) only renders the
 * lines near its viewport.
 */
async function expectInViewer(page: Page, text: string | RegExp) {
  const viewer = page.getByRole('region').locator('.cm-scroller');
  await viewer.evaluate(element => element.scrollTo(0, 0));
  await expect(async () => {
    const found = await viewer.getByText(text).count();
    if (!found) {
      await viewer.evaluate(element =>
        element.scrollBy(0, element.clientHeight / 2),
      );
    }
    expect(found).toBeGreaterThan(0);
  }).toPass({ timeout: 15_000, intervals: [200] });
}

const LIVE = 'pr/terragrunt/live/thanos';

/**
 * Loads the template folder in the editor, fills the form like a platform engineer onboarding
 * `payments` in eu-central-1 (defaults elsewhere) and starts the dry run; returns the results panel.
 */
async function dryRunOnboarding(page: Page): Promise<Locator> {
  await serveTemplateFolder(page, templateFolderForOfflineDryRun());
  await signInAsGuest(page);

  await page.goto('/create/edit');
  await page.getByText('Load Template Directory').click();
  await page.getByText('template.yaml', { exact: true }).click();

  await page.getByLabel('Cluster name').fill('payments');
  await page.getByLabel('AWS region').fill('eu-central-1');
  await expect(page.getByLabel('Environment')).toHaveValue('thanos');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Observer region')).toHaveValue('eu-west-1');
  await expect(page.getByLabel('Observer cluster name')).toHaveValue(
    'observer',
  );
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox', { name: 'Owner' }).fill('example-org');
  const repository = page.getByRole('textbox', { name: 'Repository' });
  await repository.fill('infra');
  // The repository field is a free-text autocomplete: Enter commits the typed name.
  await repository.press('Enter');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create', exact: true }).click();

  const results = page.getByRole('region');
  await expect(results.getByRole('button', { name: 'Result 1' })).toBeVisible();
  return results;
}

test.describe('the onboarding template in the Template Editor', () => {
  test('the dry run runs every step and only simulates the pull request', async ({
    page,
  }) => {
    const results = await dryRunOnboarding(page);
    const cluster = await openFolder(
      results.getByRole('tree'),
      `${LIVE}/eu-central-1/clusters/payments`,
    );
    await treeItem(cluster, 'catalog-info.yaml').click();
    await expectInViewer(page, 'thanos.io/observee-key: "payments"');
    await page.screenshot({
      path: `${SCREENSHOTS}/template-dry-run.png`,
      fullPage: true,
    });

    await results.getByRole('tab', { name: 'Log' }).click();
    for (const step of [
      'Fetch the infra repo',
      'Generate the observee units',
      'Register the observee with the observer',
      'Write the catalog entity of the cluster',
    ]) {
      await results.getByRole('button', { name: step }).click();
      await expect(results.getByText(`Finished step ${step}`)).toBeVisible();
    }
    // The register step logs its diff of the observer's eks-addons unit; the log list only renders
    // the rows near its end, so search it.
    await results
      .getByRole('button', { name: 'Register the observee with the observer' })
      .click();
    const search = results.getByRole('textbox', { name: 'Search' });
    // The line the observer's TLS querier gains (the step's inputs also name the sidecar host).
    await search.fill('.com:443');
    await expect(
      results.getByText(/thanos-sidecar\.payments\.\S+:443/).first(),
    ).toBeVisible();
    await search.fill('');
    await results
      .getByRole('button', { name: 'Open the pull request' })
      .click();
    await expect(
      results.getByText('Performing dry run of creating pull request'),
    ).toBeVisible();
  });

  test('the dry run lists the generated and edited files', async ({ page }) => {
    const results = await dryRunOnboarding(page);
    const files = results.getByRole('tree');
    const region = await openFolder(files, `${LIVE}/eu-central-1`);
    await expect(treeItem(region, 'region_values.yaml')).toBeVisible();
    const cluster = await openFolder(region, 'clusters/payments');
    for (const file of ['cluster_values.yaml', 'catalog-info.yaml']) {
      await expect(treeItem(cluster, file)).toBeVisible();
    }
    for (const unit of ['vpc', 'vpc-endpoints', 'eks', 'eks-addons']) {
      const folder = await openFolder(cluster, unit);
      await expect(treeItem(folder, 'terragrunt.hcl')).toBeVisible();
    }
    const observerAddons = await openFolder(
      files,
      `${LIVE}/eu-west-1/clusters/observer/eks-addons`,
    );
    await expect(treeItem(observerAddons, 'terragrunt.hcl')).toBeVisible();

    await treeItem(treeItem(cluster, 'eks-addons'), 'terragrunt.hcl').click();
    await expectInViewer(page, 'auth-tls-secret');
    await expectInViewer(page, /thanos-sidecar\.payments\./);
  });
});
