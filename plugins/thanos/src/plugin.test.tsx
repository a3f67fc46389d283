import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { screen } from '@testing-library/react';
import { ThanosApi, thanosApiRef } from './api/ThanosApi';
import { sidecarTlsFailureStatus } from './__fixtures__/clusterStatus';
import { annotatedEntity, unannotatedEntity } from './__fixtures__/entities';
import {
  thanosEntityCard,
  thanosEntityContent,
  thanosFleetPage,
  thanosPlugin,
} from './plugin';
import defaultExport from './index';
import { isThanosAvailable } from './isThanosAvailable';

const fakeApi: ThanosApi = {
  getEntityStatus: async () => sidecarTlsFailureStatus,
  getFleet: async () => [sidecarTlsFailureStatus],
  getInstances: async () => [
    {
      name: 'observer',
      reachable: true,
      version: '0.42.4',
      checkedAt: '2026-11-24T10:00:00.000Z',
    },
  ],
};

describe('thanos frontend plugin', () => {
  it('is the default export, for app.packages: all', () => {
    expect(defaultExport).toBe(thanosPlugin);
  });

  it('shows the entity card only for entities with external labels', () => {
    const tester = createExtensionTester(thanosEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(annotatedEntity)).toBe(true);
    expect(filter(unannotatedEntity)).toBe(false);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
  });

  it('shows neither tab nor card for a blank external-labels annotation, as isThanosAvailable', () => {
    const blank = {
      ...annotatedEntity,
      metadata: {
        ...annotatedEntity.metadata,
        annotations: { 'thanos.io/external-labels': '  ' },
      },
    };
    const card = createExtensionTester(thanosEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    const tab = createExtensionTester(thanosEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    expect(card(blank)).toBe(false);
    expect(tab(blank)).toBe(false);
    expect(isThanosAvailable(blank)).toBe(false);
  });

  it('renders the entity card with the status from the API', async () => {
    const tester = createExtensionTester(thanosEntityCard);
    renderInTestApp(
      <EntityProvider entity={annotatedEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [[thanosApiRef, fakeApi]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText(sidecarTlsFailureStatus.sidecar.summary),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'View Thanos details' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/pio-thanos-observee/thanos',
    );
  });

  it('adds a "Thanos" tab at /thanos for entities with external labels', async () => {
    const tester = createExtensionTester(thanosEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/thanos');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Thanos');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(annotatedEntity)).toBe(true);
    expect(filter(unannotatedEntity)).toBe(false);

    renderInTestApp(
      <EntityProvider entity={annotatedEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[thanosApiRef, fakeApi]] },
    );
    expect(await screen.findByText('Failing hop')).toBeInTheDocument();
  });

  it('serves the fleet page at /thanos with a title and icon for the nav', async () => {
    const tester = createExtensionTester(thanosFleetPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/thanos');
    expect(tester.get(coreExtensionData.title)).toBe('Thanos');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('renders the fleet page with its observees', async () => {
    renderInTestApp(createExtensionTester(thanosFleetPage).reactElement(), {
      apis: [[thanosApiRef, fakeApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText('0 ok · 0 warning · 1 error · 0 unknown'),
    ).toBeInTheDocument();
  });
});
