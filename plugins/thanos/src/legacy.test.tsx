import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { thanosApiRef } from './api/ThanosApi';
import { ThanosClient } from './api/ThanosClient';
import { healthyStatus } from './__fixtures__/clusterStatus';
import { annotatedEntity, unannotatedEntity } from './__fixtures__/entities';
import { isThanosAvailable } from './isThanosAvailable';
import { EntityThanosCard, legacyThanosPlugin } from './legacy';

describe('legacy frontend system exports', () => {
  it('registers the HTTP client under the same API ref as the new system', () => {
    const factory = [...legacyThanosPlugin.getApis()].find(
      f => f.api.id === thanosApiRef.id,
    );
    expect(factory).toBeDefined();
    const api = factory!.factory({
      discoveryApi: { getBaseUrl: async () => '' },
      fetchApi: { fetch },
    });
    expect(api).toBeInstanceOf(ThanosClient);
  });

  it('tells EntitySwitch which entities have a Thanos tab', () => {
    expect(isThanosAvailable(annotatedEntity)).toBe(true);
    expect(isThanosAvailable(unannotatedEntity)).toBe(false);
    expect(
      isThanosAvailable({
        ...annotatedEntity,
        metadata: {
          name: 'blank',
          annotations: { 'thanos.io/external-labels': '  ' },
        },
      }),
    ).toBe(false);
  });

  it('renders the card extension in a legacy app', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[thanosApiRef, { getEntityStatus: async () => healthyStatus }]]}
      >
        <EntityProvider entity={annotatedEntity}>
          <EntityThanosCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByText(healthyStatus.sidecar.summary),
    ).toBeInTheDocument();
  });
});
