import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThanosApi, thanosApiRef } from '../../api/ThanosApi';
import { fleet, healthyStatus } from '../../__fixtures__/clusterStatus';
import { ThanosFleetContent } from './ThanosFleetPage';

const instances = [
  {
    name: 'observer',
    reachable: true,
    version: '0.42.4',
    checkedAt: '2026-11-24T10:00:00.000Z',
  },
  {
    name: 'observer-us',
    reachable: false,
    version: null,
    checkedAt: '2026-11-24T10:00:00.000Z',
    error: 'connect ECONNREFUSED',
  },
];

function fakeApi(overrides: Partial<ThanosApi> = {}): jest.Mocked<ThanosApi> {
  return {
    getEntityStatus: jest.fn(),
    getInstances: jest.fn(async () => instances.slice(0, 1)),
    getFleet: jest.fn(async () => fleet),
    ...overrides,
  } as jest.Mocked<ThanosApi>;
}

async function renderFleet(api: ThanosApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[thanosApiRef, api]]}>
      <ThanosFleetContent refreshIntervalMs={0} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const entityLinks = () =>
  screen
    .getAllByRole('link')
    .map(link => link.getAttribute('href'))
    .filter(href => href?.startsWith('/catalog/'));

describe('ThanosFleetPage', () => {
  it('counts observees by state and links each to its entity page', async () => {
    const api = fakeApi();
    await renderFleet(api);

    expect(
      await screen.findByText('1 ok · 0 warning · 2 error · 0 unknown'),
    ).toBeInTheDocument();
    expect(api.getFleet).toHaveBeenCalledWith('observer');
    expect(entityLinks()).toEqual(
      expect.arrayContaining([
        '/catalog/default/resource/pio-thanos-observee',
        '/catalog/default/resource/pio-thanos-observee-paris',
        '/catalog/default/resource/pio-thanos-observee-frankfurt',
      ]),
    );
    expect(screen.getByText('Observees of observer (3)')).toBeInTheDocument();
    expect(
      screen.getAllByText(fleet[1].sidecar.summary).length,
    ).toBeGreaterThan(0);
    // Errors sort first by default.
    expect(entityLinks()[2]).toBe(
      '/catalog/default/resource/pio-thanos-observee',
    );
  });

  it('sorts by a column when its header is clicked', async () => {
    await renderFleet(fakeApi());
    await screen.findByText('Observees of observer (3)');

    await userEvent.click(screen.getByRole('button', { name: 'Entity' }));
    expect(entityLinks()).toEqual([
      '/catalog/default/resource/pio-thanos-observee',
      '/catalog/default/resource/pio-thanos-observee-frankfurt',
      '/catalog/default/resource/pio-thanos-observee-paris',
    ]);
    expect(
      screen.getByRole('columnheader', { name: 'Entity' }),
    ).toHaveAttribute('aria-sort', 'ascending');

    await userEvent.click(screen.getByRole('button', { name: 'Entity' }));
    expect(entityLinks()[0]).toBe(
      '/catalog/default/resource/pio-thanos-observee-paris',
    );
  });

  it('filters by state and by search text', async () => {
    await renderFleet(fakeApi());
    await screen.findByText('Observees of observer (3)');

    await userEvent.click(screen.getByRole('button', { name: 'OK (1)' }));
    expect(screen.getByText('Observees of observer (1)')).toBeInTheDocument();
    expect(entityLinks()).toEqual([
      '/catalog/default/resource/pio-thanos-observee',
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'OK (1)' }));
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search observees' }),
      'halted',
    );
    expect(entityLinks()).toEqual([
      '/catalog/default/resource/pio-thanos-observee-frankfurt',
    ]);

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search observees' }),
      ' nothing-like-this',
    );
    expect(
      screen.getByText('No observee matches the search and state filters.'),
    ).toBeInTheDocument();
  });

  it('lets the user pick among several instances', async () => {
    const api = fakeApi({
      getInstances: jest.fn(async () => instances),
      getFleet: jest.fn(async (instance?: string) =>
        instance === 'observer-us' ? [healthyStatus] : fleet,
      ),
    });
    await renderFleet(api);
    await screen.findByText('Observees of observer (3)');

    await userEvent.click(
      screen.getByRole('button', { name: 'Thanos instance' }),
    );
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText(/observer-us/),
    );
    expect(
      await screen.findByText('Observees of observer-us (1)'),
    ).toBeInTheDocument();
    expect(api.getFleet).toHaveBeenLastCalledWith('observer-us');
    expect(
      screen.getByText(/Thanos instance observer-us did not answer/),
    ).toBeInTheDocument();
  });

  it('says so when no instance is configured', async () => {
    await renderFleet(fakeApi({ getInstances: jest.fn(async () => []) }));
    expect(
      await screen.findByText('No Thanos instance configured'),
    ).toBeInTheDocument();
  });

  it('says so when the instance knows of no observee', async () => {
    await renderFleet(fakeApi({ getFleet: jest.fn(async () => []) }));
    expect(
      await screen.findByText('This instance knows of no observee.'),
    ).toBeInTheDocument();
  });

  it('shows why the fleet could not be read', async () => {
    await renderFleet(
      fakeApi({
        getFleet: jest.fn(async () => {
          throw new Error('Thanos Query of observer did not answer');
        }),
      }),
    );
    expect(
      await screen.findByText(
        /Could not read the fleet of observer: Thanos Query of observer did not answer/,
      ),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderFleet(
      fakeApi({ getInstances: jest.fn(() => new Promise(() => {})) }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('progress')).toBeInTheDocument(),
    );
  });
});
