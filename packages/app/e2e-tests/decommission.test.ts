import { test, expect, Locator, Page } from '@playwright/test';
import {
  dryRunWithExampleRepository,
  expectInViewer,
  openFolder,
  openTemplateInEditor,
  treeItem,
} from './templateEditor';

/**
 * The decommission template (templates/thanos-observee-decommission) dry-run in the scaffolder's
 * Template Editor, against the real backend, its real actions and the catalog the Thanos provider
 * fills from examples/infra-repo: the form picks `acme-thanos-observee-2` and its observer from
 * the catalog, and the dry run lists the files the pull request would delete and the observer
 * diff, writing nothing and opening nothing.
 */

const TEMPLATE_DIR = 'templates/thanos-observee-decommission';
const OBSERVER_ADDONS = 'pr/terragrunt/live/thanos/eu-west-1/clusters/observer';

async function dryRunDecommission(page: Page): Promise<Locator> {
  await openTemplateInEditor(page, TEMPLATE_DIR);

  await page.getByLabel('Observee cluster').click();
  await page.getByRole('option', { name: /acme-thanos-observee-2/ }).click();
  await page.getByLabel('Observer cluster').click();
  await page.getByRole('option', { name: /acme-thanos-observer/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  return dryRunWithExampleRepository(page);
}

test.describe('the decommission template in the Template Editor', () => {
  test('the dry run lists the deleted files and the observer diff', async ({
    page,
  }) => {
    const results = await dryRunDecommission(page);

    // The only file the pull request changes: the observer's eks-addons unit, entries removed.
    const addons = await openFolder(
      results.getByRole('tree'),
      `${OBSERVER_ADDONS}/eks-addons`,
    );
    await treeItem(addons, 'terragrunt.hcl').click();
    await expectInViewer(page, '"observee" = {');

    await results.getByRole('tab', { name: 'Log' }).click();
    const search = results.getByRole('textbox', { name: 'Search' });
    await results
      .getByRole('button', { name: "List the cluster's files" })
      .click();
    await search.fill('files to delete');
    await expect(
      results.getByText(/Cluster acme-thanos-observee-2: \d+ files to delete/),
    ).toBeVisible();
    await search.fill('');

    await results
      .getByRole('button', {
        name: 'Remove the observee from the observer maps',
      })
      .click();
    // The diff removes the observee's lines from both maps and adds none.
    await search.fill('thanos-store-acme-thanos-observee-2');
    await expect(
      results.getByText(
        /^-\s+bucket\s+= "thanos-store-acme-thanos-observee-2"/,
      ),
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
});
