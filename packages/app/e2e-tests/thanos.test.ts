import { test, expect, Page, Locator } from '@playwright/test';
import { signInAsGuest } from './signIn';

/**
 * The product in a real browser, against the real backend and the Thanos API simulator (a test
 * double, packages/thanos-simulator) that `scripts/e2e.sh` starts with the example clusters in
 * their scenarios (packages/thanos-simulator/clusters.json).
 */

const SIMULATOR = process.env.THANOS_SIMULATOR_URL ?? 'http://127.0.0.1:10902';
// Relative to the repository root, where `yarn playwright test` runs; used in the READMEs.
const SCREENSHOTS = 'e2e-test-report/screenshots';

type State = 'OK' | 'Warning' | 'Error' | 'Unknown';
type Expectation = {
  entity: string;
  sidecar: State;
  /** Several states where the scenario legitimately reads as either, depending on timing. */
  compactor: State | State[];
  failingHop?: RegExp;
  /** What the sidecar card's "Newest data" fact says, where it matters. */
  newestData?: RegExp;
  finding?: RegExp;
  hint?: RegExp;
};

/**
 * What a real observer can know about each example cluster. A cluster whose sidecar path is cut
 * (TLS failure, sidecar down, never listed by the central query), or whose Prometheus stopped
 * ingesting (Milan: every hop answers, but every series it scrapes ends at the onset), sends no
 * recent metrics to the observer, so its compactor can only be unknown there: the simulator
 * scrapes nothing of such a cluster, as a real central query receives nothing new of it.
 */
const METRICS_NOT_ARRIVING =
  /metrics (are not arriving|cannot reach the observer|stopped arriving)/i;

const CLUSTERS: Expectation[] = [
  { entity: 'pio-thanos-observer', sidecar: 'OK', compactor: 'OK' },
  { entity: 'pio-thanos-observee', sidecar: 'OK', compactor: 'OK' },
  {
    entity: 'pio-thanos-observee-paris',
    sidecar: 'Error',
    compactor: 'Unknown',
    failingHop: /Sidecar thanos-sidecar\.observee-paris\./,
    finding: /certificate signed by an unknown authority/,
    hint: /thanos-ca/,
  },
  {
    entity: 'pio-thanos-observee-frankfurt',
    sidecar: 'Error',
    compactor: 'Unknown',
    failingHop: /Sidecar thanos-sidecar\.observee-frankfurt\./,
    finding: /ingress has no healthy backend \(HTTP 503\)/,
    hint: /thanos-sidecar container are ready/,
  },
  {
    entity: 'pio-thanos-observee-stockholm',
    sidecar: 'OK',
    compactor: 'Error',
    finding: /Compactor halted/,
    hint: /critical error detected; halting/,
  },
  {
    // Every hop answers and the sidecar advertises no upper time limit; only the newest sample,
    // read over a range, shows that its Prometheus stopped ingesting 3 h ago.
    entity: 'pio-thanos-observee-milan',
    sidecar: 'Warning',
    compactor: 'Unknown',
    newestData: /Newest data\s*3 hours old/,
    finding: /Data stopped advancing 3 hours ago/,
    hint: /Prometheus in the observee stopped appending samples/,
  },
  {
    // The metrics of a crash-looping compactor flap with its scrape target; the Kubernetes
    // inside view (the simulator's Kubernetes API double) names CrashLoopBackOff itself.
    entity: 'pio-thanos-observee-dublin',
    sidecar: 'OK',
    compactor: 'Error',
    finding: /crash-looping/,
    hint: /compactor workload|compactor log/,
  },
  {
    entity: 'pio-thanos-observee-madrid',
    sidecar: 'OK',
    compactor: ['Warning', 'Error'],
    finding: /Every compaction fails/,
  },
  {
    entity: 'pio-thanos-observee-zurich',
    sidecar: 'Error',
    compactor: 'Unknown',
    failingHop: /TLS querier thanos-tls-querier-observee-zurich/,
    finding: METRICS_NOT_ARRIVING,
  },
  {
    entity: 'pio-thanos-observee-london',
    sidecar: 'Warning',
    compactor: 'OK',
    finding: /store gateway/i,
  },
];

/** The state word and the dash before a summary, as the cards print them. */
function stateLine(state: State | State[]): RegExp {
  const states = Array.isArray(state) ? state : [state];
  return new RegExp(`(${states.join('|')})\\s*—`);
}

async function setScenario(key: string, scenario: string) {
  const response = await fetch(`${SIMULATOR}/-/simulator/scenarios/${key}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ scenario }),
  });
  expect(response.status).toBe(200);
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

function cardNamed(page: Page, title: string): Locator {
  return page.locator('.MuiCard-root').filter({
    has: page.getByRole('heading', { name: title, exact: true }),
  });
}

/**
 * Opens an entity's Thanos tab the way a user moves between entities, with client-side navigation
 * only (sidebar, fleet page, the entity card's link to the tab), and waits until the page shows
 * that entity: the tab's content is keyed by the entity, so from then on it shows the new entity's
 * status (or its loading state), never the previous one's.
 */
async function openThanosTab(page: Page, entity: string) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Thanos' })
    .click();
  await page
    .getByRole('table')
    .getByRole('link', { name: entity, exact: true })
    .click();
  await page.getByRole('link', { name: 'View Thanos details' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/resource/${entity}/thanos$`),
  );
  await expect(
    page.getByRole('heading', { name: entity, exact: true }),
  ).toBeVisible();
}

test.describe('Thanos for Backstage', () => {
  test.afterAll(async () => {
    await fetch(`${SIMULATOR}/-/simulator/reset`, { method: 'POST' });
  });

  test.describe('in one signed-in page', () => {
    // One signed-in page for the group, moving between entities by client-side navigation as a
    // user does: a new page per cluster would load the app and sign in again every time.
    test.describe.configure({ mode: 'serial' });
    const session = {} as { page: Page };

    test.beforeAll(async ({ browser }, testInfo) => {
      const { baseURL, viewport } = testInfo.project.use;
      session.page = await browser.newPage({ baseURL, viewport });
      await signInAsGuest(session.page);
    });
    test.afterEach(async ({}, testInfo) => {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('screenshot', {
          body: await session.page.screenshot({ fullPage: true }),
          contentType: 'image/png',
        });
      }
    });
    test.afterAll(async () => {
      await session.page?.close();
    });

    test('the fleet page shows every observee with both states', async () => {
      const { page } = session;
      await page
        .getByRole('navigation', { name: 'sidebar nav' })
        .getByRole('link', { name: 'Thanos' })
        .click();
      await expect(page).toHaveURL(/\/thanos$/);
      const table = page.getByRole('table');
      for (const cluster of CLUSTERS) {
        const row = table.getByRole('row').filter({
          has: page.getByRole('link', { name: cluster.entity, exact: true }),
        });
        await expect(row).toHaveCount(1);
        const cells = row.getByRole('cell');
        await expect(cells.nth(2)).toContainText(stateLine(cluster.sidecar));
        await expect(cells.nth(3)).toContainText(stateLine(cluster.compactor));
      }
      await expect(
        page.getByText(/\d+ ok · \d+ warning · \d+ error/),
      ).toBeVisible();
      // Thanos serves the simulator's Oslo cluster, which no catalog entity claims: the drift line.
      await expect(page.getByTestId('thanos-unclaimed')).toContainText(
        'cluster="pio-thanos-observee-oslo"',
      );
      await expect(
        table.getByRole('link', { name: 'pio-thanos-observee-oslo' }),
      ).toHaveCount(0);
      await screenshot(page, 'fleet');
    });

    for (const cluster of CLUSTERS) {
      test(`the Thanos tab of ${cluster.entity} explains its state`, async () => {
        const { page } = session;
        await openThanosTab(page, cluster.entity);

        const sidecar = cardNamed(page, 'Sidecar reachability');
        await expect(sidecar).toContainText(stateLine(cluster.sidecar));
        const compactor = cardNamed(page, 'Compactor');
        await expect(compactor).toContainText(stateLine(cluster.compactor));

        const hops = page.getByRole('list', {
          name: 'Path from the central Thanos Query to the sidecar',
        });
        await expect(hops.getByRole('listitem')).toHaveCount(3);
        const failing = hops.locator('li[aria-current="step"]');
        if (cluster.failingHop) {
          await expect(failing).toHaveCount(1);
          await expect(failing).toContainText(cluster.failingHop);
          await expect(failing).toContainText('Failing hop');
        } else {
          await expect(failing).toHaveCount(0);
        }
        if (cluster.newestData) {
          await expect(sidecar).toContainText(cluster.newestData);
        }
        if (cluster.finding) {
          await expect(page.getByText(cluster.finding).first()).toBeVisible();
        }
        if (cluster.compactor === 'Unknown') {
          await expect(
            compactor.getByText(METRICS_NOT_ARRIVING).first(),
          ).toBeVisible();
        }
        if (cluster.hint) {
          await expect(page.getByText(cluster.hint).first()).toBeVisible();
        }
        await expect(page.getByText(/Checked at/)).toBeVisible();
        if (cluster.entity === 'pio-thanos-observee-paris') {
          await screenshot(page, 'thanos-tab');
        }
      });
    }

    test("the inside view shows Dublin's compactor pod crash-looping", async () => {
      const { page } = session;
      await openThanosTab(page, 'pio-thanos-observee-dublin');
      const inside = cardNamed(
        page,
        'Inside the cluster (pio-thanos-observee-dublin)',
      );
      await expect(inside).toContainText('monitoring/thanos-ca exists');
      await expect(inside).toContainText(
        'Deployment monitoring/thanos-compactor',
      );
      await expect(inside).toContainText('0/1 ready');
      const pods = page.getByRole('table', { name: 'Compactor pods' });
      const row = pods
        .getByRole('row')
        .filter({ hasText: /thanos-compactor-/ });
      await expect(row).toContainText('CrashLoopBackOff');
      await expect(row).toContainText(/Error \(exit code 1\)/);
      // Columns: pod, ready, phase, restarts, waiting reason, last termination, image.
      const restarts = Number(await row.getByRole('cell').nth(3).innerText());
      expect(restarts).toBeGreaterThan(100);
      await screenshot(page, 'inside-view');
    });

    test("the inside view shows Paris' missing client-CA Secret and the halted compactor's healthy-looking pod", async () => {
      const { page } = session;
      await openThanosTab(page, 'pio-thanos-observee-paris');
      const paris = cardNamed(
        page,
        'Inside the cluster (pio-thanos-observee-paris)',
      );
      await expect(paris).toContainText('monitoring/thanos-ca does not exist');
      await expect(
        page
          .getByText(/Client-CA Secret monitoring\/thanos-ca does not exist/)
          .first(),
      ).toBeVisible();

      await openThanosTab(page, 'pio-thanos-observee-stockholm');
      const pods = page.getByRole('table', { name: 'Compactor pods' });
      await expect(
        pods.getByRole('row').filter({ hasText: /thanos-compactor-/ }),
      ).toContainText('Running');
      await expect(cardNamed(page, 'Compactor')).toContainText(
        stateLine('Error'),
      );
    });

    test('a source that cannot be read shows as a partial failure', async () => {
      const { page } = session;
      await setScenario('observee-milan', 'tls-querier-down');
      await openThanosTab(page, 'pio-thanos-observee-milan');
      await expect(async () => {
        await page
          .getByRole('button', { name: 'Refresh Thanos status' })
          .click();
        await expect(
          page.getByRole('list', { name: 'Sources that could not be read' }),
        ).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 60_000, intervals: [3_000] });
      // Everything that could be read is still shown next to the failure. The cut path also stops
      // the cluster's metrics, so its compactor can no longer be judged.
      await expect(cardNamed(page, 'Compactor')).toContainText(
        stateLine('Unknown'),
      );
      await expect(
        page.getByRole('list', {
          name: 'Path from the central Thanos Query to the sidecar',
        }),
      ).toBeVisible();
      await setScenario('observee-milan', 'stale-data');
    });

    test('switching a scenario shows on the tab after a refresh', async () => {
      const { page } = session;
      await openThanosTab(page, 'pio-thanos-observee');
      const sidecar = cardNamed(page, 'Sidecar reachability');
      await expect(sidecar).toContainText(stateLine('OK'));

      await setScenario('observee', 'tls-failure');
      // The backend shares its upstream reads for one refresh interval (15 s in app-config.yaml).
      await expect(async () => {
        await page
          .getByRole('button', { name: 'Refresh Thanos status' })
          .click();
        await expect(sidecar).toContainText(stateLine('Error'), {
          timeout: 2_000,
        });
      }).toPass({ timeout: 60_000, intervals: [3_000] });
      await expect(page.locator('li[aria-current="step"]')).toContainText(
        'Failing hop',
      );
      await expect(page.getByText(/thanos-ca/).first()).toBeVisible();
    });
  });

  test('the fleet page, the card and the tab log no errors of their own', async ({
    page,
  }) => {
    await signInAsGuest(page);
    // The catalog (the home page) logs React warnings of its own; they are filtered out below.
    await page.waitForLoadState('networkidle');
    const errors: string[] = [];
    page.on('console', message => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', error => errors.push(String(error.stack ?? error)));

    const nav = page.getByRole('navigation', { name: 'sidebar nav' });
    await nav.getByRole('link', { name: 'Thanos' }).click();
    await expect(page.getByRole('table')).toBeVisible();
    await page
      .getByRole('link', { name: 'pio-thanos-observee-stockholm', exact: true })
      .click();
    await page.getByRole('link', { name: 'View Thanos details' }).click();
    await expect(cardNamed(page, 'Sidecar reachability')).toContainText(
      stateLine('OK'),
    );
    // Errors are logged while rendering, and the browser reports them before the page answers the
    // next check: once the tab has rendered its whole answer, they have all arrived.
    await expect(cardNamed(page, 'Compactor')).toContainText(
      stateLine('Error'),
    );
    await expect(page.getByText(/Checked at/)).toBeVisible();

    // Client-side navigation only, so every error logged from here on comes from these pages;
    // ours are those whose component stack runs through the plugin's code.
    const ours = errors.filter(
      text =>
        text.includes('plugins/thanos/') ||
        text.includes('@thanos-backstage/plugin-thanos'),
    );
    expect(ours).toEqual([]);
  });
});
