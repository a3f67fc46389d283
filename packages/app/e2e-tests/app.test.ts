import { test, expect } from '@playwright/test';

test('a guest signs in and finds the example clusters in the catalog', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  await page.goto('/?filters%5Bkind%5D=resource&filters%5Buser%5D=all');
  for (const name of [
    'pio-thanos-observer',
    'pio-thanos-observee',
    'pio-thanos-observee-paris',
    'pio-thanos-observee-frankfurt',
  ]) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
});
