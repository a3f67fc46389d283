import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import { screen } from '@testing-library/react';
import { ThanosApi, thanosApiRef } from '../../api/ThanosApi';
import {
  compactorHaltedStatus,
  healthyStatus,
  partialErrorStatus,
} from '../../__fixtures__/clusterStatus';
import {
  annotatedEntity,
  unannotatedEntity,
} from '../../__fixtures__/entities';
import { ThanosEntityCard } from './ThanosEntityCard';

async function renderCard(
  api: Partial<ThanosApi>,
  entity: Entity = annotatedEntity,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[thanosApiRef, api]]}>
      <EntityProvider entity={entity}>
        <ThanosEntityCard refreshIntervalMs={0} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ThanosEntityCard', () => {
  it('shows sidecar and compactor on one line each and links to the Thanos tab', async () => {
    await renderCard({ getEntityStatus: async () => compactorHaltedStatus });

    const sidecar = await screen.findByText('Sidecar');
    expect(sidecar.parentElement).toHaveTextContent(
      `OK—${compactorHaltedStatus.sidecar.summary}`,
    );
    expect(screen.getByText('Compactor').parentElement).toHaveTextContent(
      `Error—${compactorHaltedStatus.compactor.summary}`,
    );
    expect(
      screen.getByRole('link', { name: 'View Thanos details' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/pio-thanos-observee/thanos',
    );
  });

  it('says when some sources could not be read', async () => {
    await renderCard({ getEntityStatus: async () => partialErrorStatus });
    expect(
      await screen.findByText('2 sources could not be read.'),
    ).toBeInTheDocument();
  });

  it('asks for the annotation on an entity without external labels', async () => {
    const getEntityStatus = jest.fn(async () => healthyStatus);
    await renderCard({ getEntityStatus }, unannotatedEntity);
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(getEntityStatus).not.toHaveBeenCalled();
  });

  it('shows why the status could not be read', async () => {
    await renderCard({
      getEntityStatus: async () => {
        throw new Error('Failed to fetch');
      },
    });
    expect(
      await screen.findByText(
        /Could not read the Thanos status: Failed to fetch/,
      ),
    ).toBeInTheDocument();
  });
});
