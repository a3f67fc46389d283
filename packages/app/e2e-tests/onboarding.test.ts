import { test, expect, Locator, Page } from '@playwright/test';
import {
  dryRunWithExampleRepository,
  expectInViewer,
  openFolder,
  openTemplateInEditor,
  treeItem,
} from './templateEditor';

/**
 * The onboarding template (templates/thanos-observee) dry-run in the scaffolder's Template Editor,
 * against the real backend and its real actions. The dry run writes nothing anywhere: the backend
 * runs every step on a scratch copy of the directory the editor sends, and
 * `publish:github:pull-request` only reports what it would open.
 */

// Relative to the repository root, where `yarn playwright test` runs; used in the READMEs.
const SCREENSHOTS = 'e2e-test-report/screenshots';
const TEMPLATE_DIR = 'templates/thanos-observee';

const LIVE = 'pr/terragrunt/live/thanos';

/**
 * Loads the template folder in the editor, fills the form like a platform engineer onboarding
 * `payments` in eu-central-1 (defaults elsewhere) and starts the dry run; returns the results panel.
 */
async function dryRunOnboarding(page: Page): Promise<Locator> {
  await openTemplateInEditor(page, TEMPLATE_DIR);

  await page.getByLabel('Cluster name').fill('payments');
  await page.getByLabel('AWS region').fill('eu-central-1');
  await expect(page.getByLabel('Environment')).toHaveValue('thanos');
  await page.getByRole('button', { name: 'Next' }).click();
  // The observer comes from the catalog: the demo observer of examples/thanos-clusters.yaml, whose
  // label and annotations place it at thanos/eu-west-1/clusters/observer of the example repo.
  await page.getByLabel('Observer cluster').click();
  await page.getByRole('option', { name: /pio-thanos-observer/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  return dryRunWithExampleRepository(page);
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
    await search.fill('Performing dry run');
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
