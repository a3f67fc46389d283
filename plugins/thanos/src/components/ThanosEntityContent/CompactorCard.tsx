import { InfoCard } from '@backstage/core-components';
import type {
  CompactorStatus,
  PodHealth,
} from '@thanos-backstage/plugin-thanos-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CARD_TITLE, HealthStatus } from '../stateDisplay';
import { formatAgo } from '../timeFormat';
import { BlocksByResolutionChart } from './BlocksByResolutionChart';
import { FactList } from './FactList';
import { FindingsList } from './FindingsList';
import { PodHealthTable } from './PodHealthTable';

function count(value: number | null): string {
  return value === null ? 'not available' : String(value);
}

function percent(value: number | null): string {
  return value === null ? 'not available' : `${value.toFixed(1)} %`;
}

function retention(value: string | null | undefined): string {
  if (!value) return 'not known';
  // Thanos keeps blocks of a resolution forever when its retention is 0.
  return /^0[a-z]*$/.test(value) ? 'forever' : value;
}

function HaltedValue(props: { halted: boolean | null }) {
  if (props.halted === null) return <>not available</>;
  if (!props.halted) return <>no</>;
  return <HealthStatus state="error">halted: compaction stopped</HealthStatus>;
}

/**
 * Is the compactor alive and keeping up. `halted` comes first because a halted compactor still
 * passes its health checks: only `thanos_compact_halted` shows it.
 */
export function CompactorCard(props: {
  compactor: CompactorStatus;
  /** Pods from the Kubernetes inside view, preferred over the evidence copy when present. */
  pods?: PodHealth[] | null;
  now: number;
}) {
  const { compactor, now } = props;
  const { evidence } = compactor;
  const pods = props.pods ?? evidence.pods;
  return (
    <InfoCard title="Compactor" titleTypographyProps={CARD_TITLE}>
      <Typography variant="body1" component="div" data-testid="compactor-state">
        <HealthStatus state={compactor.state}>{compactor.summary}</HealthStatus>
      </Typography>

      <Box mt={2}>
        <FactList
          label="Compactor status"
          facts={[
            ['Halted', <HaltedValue halted={evidence.halted} />],
            [
              'Last successful run',
              evidence.lastSuccessfulRunTime === null
                ? 'not available'
                : formatAgo(evidence.lastSuccessfulRunTime * 1000, now),
            ],
            ['Compactors up', count(evidence.instancesUp)],
            ['Version', evidence.version ?? 'not known'],
            ['Compactions to do', count(evidence.backlog.todoCompactions)],
            ['Blocks to compact', count(evidence.backlog.todoCompactionBlocks)],
            [
              'Blocks to downsample',
              count(evidence.backlog.todoDownsampleBlocks),
            ],
            ['Blocks to delete', count(evidence.backlog.todoDeletionBlocks)],
            [
              'Compaction failures (5m)',
              percent(evidence.compactionFailurePercent),
            ],
            [
              'Bucket operation failures (5m)',
              percent(evidence.bucketOperationFailurePercent),
            ],
            ['Downsample failures (1h)', count(evidence.downsampleFailures)],
            ['Retention raw', retention(evidence.retention?.raw)],
            ['Retention 5m', retention(evidence.retention?.fiveMinutes)],
            ['Retention 1h', retention(evidence.retention?.oneHour)],
          ]}
        />
      </Box>

      {evidence.blocksByResolution &&
        evidence.blocksByResolution.length > 0 && (
          <Box mt={2}>
            <Typography variant="h6" component="h3" gutterBottom>
              Blocks per resolution
            </Typography>
            <BlocksByResolutionChart blocks={evidence.blocksByResolution} />
          </Box>
        )}

      {pods && pods.length > 0 && (
        <Box mt={2}>
          <Typography variant="h6" component="h3" gutterBottom>
            Pods
          </Typography>
          <PodHealthTable pods={pods} caption="Compactor pods" />
        </Box>
      )}

      <Box mt={2}>
        <Typography variant="h6" component="h3" gutterBottom>
          Findings
        </Typography>
        <FindingsList
          findings={compactor.findings}
          title="Compactor findings"
        />
      </Box>
    </InfoCard>
  );
}
