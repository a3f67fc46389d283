import { expect, Locator, Page } from '@playwright/test';
import fs from 'fs';
import { signInAsGuest } from './signIn';

/**
 * Driving the scaffolder's Template Editor from Playwright: loading a template folder (with the
 * example infra repo inside it, so a dry run needs no network), and reading the dry run's file
 * tree and file viewer.
 */

const INFRA_REPO_DIR = 'examples/infra-repo';

export type TemplateFile = { path: string; content: string };

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
export function templateFolderForOfflineDryRun(
  templateDir: string,
): TemplateFile[] {
  const template = fs.readFileSync(`${templateDir}/template.yaml`, 'utf8');
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
    ...(fs.existsSync(`${templateDir}/skeleton`)
      ? readTree(`${templateDir}/skeleton`, 'skeleton')
      : []),
    ...readTree(INFRA_REPO_DIR, 'infra-repo'),
  ];
}

/**
 * Stands in for the user choosing the template folder in the browser's directory picker, which
 * headless Chromium cannot show. The editor captures `window.showDirectoryPicker` when its module
 * loads, so this runs before the app. It returns a real directory handle from the origin-private
 * file system, because the editor keeps the handle in IndexedDB, which only stores real handles.
 */
export async function serveTemplateFolder(page: Page, files: TemplateFile[]) {
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
export function treeItem(scope: Locator, name: string): Locator {
  return scope
    .getByRole('treeitem')
    .filter({ has: scope.page().getByText(name, { exact: true }) })
    .first();
}

/** Expands the folders of `folderPath` in the dry-run file tree and returns the last one. */
export async function openFolder(
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
export async function expectInViewer(page: Page, text: string | RegExp) {
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

/**
 * Loads `templateDir` (with the example infra repo inside, see above) in the Template Editor as a
 * signed-in guest, ready for its form.
 */
export async function openTemplateInEditor(page: Page, templateDir: string) {
  await serveTemplateFolder(page, templateFolderForOfflineDryRun(templateDir));
  await signInAsGuest(page);
  await page.goto('/create/edit');
  await page.getByText('Load Template Directory').click();
  await page.getByText('template.yaml', { exact: true }).click();
}

/**
 * Fills the infra repository page (example-org/infra, defaults elsewhere), reviews and starts the
 * dry run; returns the results panel once the first result is listed.
 */
export async function dryRunWithExampleRepository(
  page: Page,
): Promise<Locator> {
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
