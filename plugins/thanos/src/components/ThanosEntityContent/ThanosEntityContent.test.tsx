import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { ClusterStatus } from '@thanos-backstage/plugin-thanos-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ThanosApi, thanosApiRef } from '../../api/ThanosApi';
import {
  compactorHaltedStatus,
  crashLoopingPod,
  healthyStatus,
  kubernetesView,
  partialErrorStatus,
  sidecarTlsFailureStatus,
} from '../../__fixtures__/clusterStatus';
import {
  annotatedEntity,
  unannotatedEntity,
} from '../../__fixtures__/entities';
import { ThanosEntityContent } from './ThanosEntityContent';

function fakeApi(
  getEntityStatus: ThanosApi['getEntityStatus'],
): jest.Mocked<ThanosApi> {
  return {
    getEntityStatus: jest.fn(getEntityStatus),
    getFleet: jest.fn(),
    getInstances: jest.fn(),
  };
}

async function renderTab(
  api: ThanosApi,
  entity: Entity = annotatedEntity,
  refreshIntervalMs = 0,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[thanosApiRef, api]]}>
      <EntityProvider entity={entity}>
        <ThanosEntityContent refreshIntervalMs={refreshIntervalMs} />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const answering = (status: ClusterStatus) => fakeApi(async () => status);

describe('ThanosEntityContent', () => {
  it('asks for the annotation when the entity has no external labels', async () => {
    const api = answering(healthyStatus);
    await renderTab(api, unannotatedEntity);
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText(/thanos\.io\/external-labels/).length,
    ).toBeGreaterThan(0);
    expect(api.getEntityStatus).not.toHaveBeenCalled();
  });

  it('says when the observee key is not registered in the observer maps', async () => {
    // The notice does not wait for the status.
    await renderTab(
      fakeApi(() => new Promise(() => {})),
      {
        ...annotatedEntity,
        metadata: {
          ...annotatedEntity.metadata,
          annotations: {
            ...annotatedEntity.metadata.annotations,
            'thanos.io/observee-key': 'payments',
            'thanos.io/registered': 'false',
          },
        },
      },
    );
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('Not registered with the observer');
    expect(notice).toHaveTextContent(
      'no complete entry for the key "payments"',
    );
  }, 15_000);

  it('says nothing about registration when the entity is registered or not read from the infra repo', async () => {
    await renderTab(answering(healthyStatus));
    await screen.findAllByText(healthyStatus.sidecar.summary);
    expect(document.body).not.toHaveTextContent(
      'Not registered with the observer',
    );
  });

  it('shows progress while the status is being read', async () => {
    await renderTab(fakeApi(() => new Promise(() => {})));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it("shows the backend's error when the request fails", async () => {
    const api = fakeApi(async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotFoundError',
              message:
                'Thanos instance "paris" not found; available instances: observer',
            },
            response: { statusCode: 404 },
          }),
          {
            status: 404,
            statusText: 'Not Found',
            headers: { 'Content-Type': 'application/json' },
          },
        ),
      );
    });
    await renderTab(api);
    expect(
      await screen.findByText(
        'Could not read the Thanos status of this entity: Thanos instance "paris" not found; available instances: observer',
        { exact: false },
      ),
    ).toBeInTheDocument();
  });

  it('shows a healthy cluster: states, the three hops, endpoints, retention and a chart', async () => {
    const api = answering(healthyStatus);
    await renderTab(api);

    const sidecar = await screen.findByTestId('sidecar-state');
    expect(
      screen.getByRole('heading', { level: 2, name: 'Sidecar reachability' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Compactor' }),
    ).toBeInTheDocument();
    expect(sidecar).toHaveTextContent('OK');
    expect(sidecar).toHaveTextContent(healthyStatus.sidecar.summary);
    expect(screen.getByTestId('compactor-state')).toHaveTextContent(
      healthyStatus.compactor.summary,
    );
    expect(api.getEntityStatus).toHaveBeenCalledWith({
      kind: 'Resource',
      namespace: 'default',
      name: 'pio-thanos-observee',
    });

    const path = screen.getByRole('list', {
      name: 'Path from the central Thanos Query to the sidecar',
    });
    expect(within(path).getAllByRole('listitem')).toHaveLength(3);
    expect(within(path).getByText(/Central Thanos Query/)).toBeInTheDocument();
    expect(within(path).queryByText('Failing hop')).not.toBeInTheDocument();

    const endpoints = screen.getByRole('table', {
      name: /Store endpoints of this cluster/,
    });
    expect(
      within(endpoints).getByRole('columnheader', { name: 'Last check' }),
    ).toBeInTheDocument();
    expect(
      within(endpoints).getByText('10.0.102.57:10901'),
    ).toBeInTheDocument();
    expect(
      within(endpoints).getAllByText(/no limit|live/).length,
    ).toBeGreaterThan(0);

    expect(screen.getByText('Retention raw').nextSibling).toHaveTextContent(
      '30d',
    );
    expect(screen.getByText('Retention 1h').nextSibling).toHaveTextContent(
      '1y',
    );
    expect(
      screen.getByRole('img', { name: /Data coverage from/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /Blocks per resolution/ }),
    ).toHaveAccessibleName(expect.stringContaining('raw: 48 blocks'));
    expect(
      screen.getByText(/Checked at 2026-11-24 10:00 UTC/),
    ).toBeInTheDocument();
  });

  it('marks the sidecar hop as failing on a TLS failure and shows what to do', async () => {
    await renderTab(answering(sidecarTlsFailureStatus));

    const sidecarHop = await screen.findByTestId('hop-sidecar');
    expect(within(sidecarHop).getByText('Failing hop')).toBeInTheDocument();
    expect(within(sidecarHop).getByText('Error')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('hop-tls-querier')).queryByText('Failing hop'),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('sidecar-state')).toHaveTextContent(
      /Error.*x509: certificate signed by unknown authority/,
    );

    const finding = sidecarTlsFailureStatus.sidecar.findings[0];
    expect(screen.getByText(finding.title)).toBeInTheDocument();
    expect(screen.getByText(finding.hint)).toBeInTheDocument();
    // Every finding with a hint says what to do; here also the metrics that cannot arrive.
    expect(
      screen.getAllByText('What to do:', { exact: false }).length,
    ).toBeGreaterThanOrEqual(1);
    // The compactor's metrics travel the cut path: not "down", not "ok".
    expect(screen.getByTestId('compactor-state')).toHaveTextContent(
      /Running \(Kubernetes: 1\/1 pod ready\); its metrics cannot reach the observer/,
    );
  });

  it('says a halted compactor is halted, with the alert it mirrors', async () => {
    await renderTab(answering(compactorHaltedStatus));

    expect(await screen.findByTestId('compactor-state')).toHaveTextContent(
      /Error.*Halted/,
    );
    expect(screen.getByText('Halted').nextSibling).toHaveTextContent(
      'halted: compaction stopped',
    );
    expect(screen.getByText('Compactions to do').nextSibling).toHaveTextContent(
      '140',
    );
    expect(screen.getByText('Alert: ThanosCompactHalted')).toBeInTheDocument();
    const finding = compactorHaltedStatus.compactor.findings.find(
      f => f.id === 'compactor.halted',
    )!;
    expect(screen.getByText(finding.hint)).toBeInTheDocument();
  });

  it('says a compactor that never completed a run has never run, not that it ran in 1970', async () => {
    const neverRan: ClusterStatus = {
      ...compactorHaltedStatus,
      compactor: {
        ...compactorHaltedStatus.compactor,
        evidence: {
          ...compactorHaltedStatus.compactor.evidence,
          lastSuccessfulRunTime: 0,
        },
      },
    };
    await renderTab(answering(neverRan));
    await screen.findByTestId('compactor-state');
    expect(
      screen.getByText('Last successful run').nextSibling,
    ).toHaveTextContent('never (since the compactor started)');
  });

  it('lists every source that could not be read and still shows the rest', async () => {
    await renderTab(answering(partialErrorStatus));

    expect(
      await screen.findByText(/2 sources could not be read/),
    ).toBeInTheDocument();
    const list = screen.getByRole('list', {
      name: 'Sources that could not be read',
    });
    expect(
      within(list).getByText(/PromQL \(observer, HTTP 504\)/),
    ).toBeInTheDocument();
    expect(
      within(list).getByText(/service account cannot list pods/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('sidecar-state')).toHaveTextContent(
      partialErrorStatus.sidecar.summary,
    );
    expect(screen.getByTestId('compactor-state')).toBeInTheDocument();
  });

  it('shows the Kubernetes inside view and pod health when the backend has one', async () => {
    await renderTab(
      answering({
        ...healthyStatus,
        kubernetes: {
          ...kubernetesView,
          compactor: { ...kubernetesView.compactor!, pods: [crashLoopingPod] },
        },
      }),
    );

    expect(
      await screen.findByText('Inside the cluster (pio-thanos-observee)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('monitoring/thanos-ca does not exist'),
    ).toBeInTheDocument();
    const pods = screen.getByRole('table', { name: 'Compactor pods' });
    expect(within(pods).getByText('CrashLoopBackOff')).toBeInTheDocument();
    expect(within(pods).getByText('Error (exit code 1)')).toBeInTheDocument();
    expect(within(pods).getByText('Not ready')).toBeInTheDocument();
  });

  it("lists the sidecar's pod once when the container and the pod carry the same name", async () => {
    const sidecarPod = {
      ...crashLoopingPod,
      name: 'prometheus-kube-prometheus-stack-prometheus-0',
    };
    await renderTab(
      answering({
        ...healthyStatus,
        kubernetes: {
          ...kubernetesView,
          sidecar: { container: sidecarPod, pods: [sidecarPod] },
        },
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Sidecar containers',
    });
    expect(
      within(table).getAllByText(
        'monitoring/prometheus-kube-prometheus-stack-prometheus-0',
      ),
    ).toHaveLength(1);
  });

  it('reads the status again when asked to refresh', async () => {
    const api = answering(healthyStatus);
    await renderTab(api);
    await screen.findByTestId('sidecar-state');

    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh Thanos status' }),
    );
    await waitFor(() => expect(api.getEntityStatus).toHaveBeenCalledTimes(2));
  });

  it('reads the status again on its own at the refresh interval', async () => {
    const api = answering(healthyStatus);
    await renderTab(api, annotatedEntity, 50);
    await screen.findByTestId('sidecar-state');
    await waitFor(() =>
      expect(api.getEntityStatus.mock.calls.length).toBeGreaterThanOrEqual(3),
    );
    expect(screen.getByTestId('sidecar-state')).toBeInTheDocument();
  });

  it('keeps showing the last status when a refresh fails, and says so', async () => {
    const api = fakeApi(async () => healthyStatus);
    api.getEntityStatus
      .mockResolvedValueOnce(healthyStatus)
      .mockRejectedValueOnce(new Error('Failed to fetch'));
    await renderTab(api);
    await screen.findByTestId('sidecar-state');

    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh Thanos status' }),
    );
    expect(
      await screen.findByText(
        'Could not read a newer Thanos status (showing the last one read): Failed to fetch',
        { exact: false },
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('sidecar-state')).toHaveTextContent(
      healthyStatus.sidecar.summary,
    );
  });
});
