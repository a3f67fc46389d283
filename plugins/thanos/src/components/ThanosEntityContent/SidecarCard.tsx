import { InfoCard } from '@backstage/core-components';
import type { SidecarStatus } from '@thanos-backstage/plugin-thanos-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CARD_TITLE, HealthStatus } from '../stateDisplay';
import {
  formatAgo,
  formatFreshness,
} from '@thanos-backstage/plugin-thanos-common';
import { DataCoverageChart } from './DataCoverageChart';
import { EndpointTable, SeenEndpoint } from './EndpointTable';
import { FactList } from './FactList';
import { CardSection } from './CardSection';
import { FindingsList } from './FindingsList';
import { HopPath } from './HopPath';

function seenEndpoints(sidecar: SidecarStatus): SeenEndpoint[] {
  const tlsQuerierLabel =
    sidecar.evidence.hops.find(hop => hop.id === 'tls-querier')?.label ??
    'TLS querier';
  return [
    ...sidecar.evidence.centralEndpoints.map(endpoint => ({
      seenBy: 'Central Thanos Query',
      endpoint,
    })),
    ...(sidecar.evidence.tlsQuerierEndpoints ?? []).map(endpoint => ({
      seenBy: tlsQuerierLabel,
      endpoint,
    })),
  ];
}

function metricText(value: number | null, unit = ''): string {
  return value === null ? 'not available' : `${value}${unit}`;
}

function prometheusUpText(value: number | null): string {
  if (value === null) return 'not available';
  return value >= 1 ? 'yes' : 'no';
}

/** Is this cluster visible to Thanos, through which hops, and with how fresh data. */
export function SidecarCard(props: { sidecar: SidecarStatus; now: number }) {
  const { sidecar, now } = props;
  const { metrics } = sidecar.evidence;
  const endpoints = seenEndpoints(sidecar);
  return (
    <InfoCard title="Sidecar reachability" titleTypographyProps={CARD_TITLE}>
      <Typography variant="body1" component="div" data-testid="sidecar-state">
        <HealthStatus state={sidecar.state}>{sidecar.summary}</HealthStatus>
      </Typography>

      <CardSection title="Path">
        <HopPath hops={sidecar.evidence.hops} />
      </CardSection>

      <CardSection title="Data">
        <FactList
          label="Sidecar data and metrics"
          facts={[
            ['Newest data', formatFreshness(sidecar.evidence.dataMaxTime, now)],
            [
              'Oldest data',
              sidecar.evidence.dataMinTime === null
                ? 'no limit'
                : `${formatAgo(sidecar.evidence.dataMinTime, now)}`,
            ],
            [
              'Sidecar reaches Prometheus',
              prometheusUpText(metrics.prometheusUp),
            ],
            ['Upload failures (1h)', metricText(metrics.shipperUploadFailures)],
            [
              'Last block upload',
              metrics.lastSuccessfulUploadTime === null
                ? 'not available'
                : formatAgo(metrics.lastSuccessfulUploadTime * 1000, now),
            ],
          ]}
        />
        <Box mt={2}>
          <DataCoverageChart endpoints={endpoints} now={now} />
        </Box>
      </CardSection>

      <CardSection title="Store endpoints">
        <EndpointTable endpoints={endpoints} now={now} />
      </CardSection>

      <CardSection title="Findings">
        <FindingsList findings={sidecar.findings} title="Sidecar findings" />
      </CardSection>
    </InfoCard>
  );
}
