import type { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import type {
  CompactorStatus,
  MetricsPath,
  PodHealth,
  PromQLSpecialValue,
} from '@thanos-backstage/plugin-thanos-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CARD_TITLE, HealthStatus } from '../stateDisplay';
import { formatAgo } from '@thanos-backstage/plugin-thanos-common';
import { BlocksByResolutionChart } from './BlocksByResolutionChart';
import { FactList } from './FactList';
import { CardSection } from './CardSection';
import { FindingsList } from './FindingsList';
import { PodHealthTable } from './PodHealthTable';

function count(value: number | null): string {
  return value === null ? 'not available' : String(value);
}

/** What PromQL's non-finite answers mean for a failure ratio (failed / total over 5m). */
const SPECIAL_RATIO: Record<PromQLSpecialValue, string> = {
  '+Inf': '+Inf: every one failed',
  '-Inf': '-Inf',
  NaN: 'NaN: none ran',
};

function percent(
  value: number | null,
  special: PromQLSpecialValue | undefined,
): string {
  if (special) return SPECIAL_RATIO[special];
  return value === null ? 'not available' : `${value.toFixed(1)} %`;
}

function metricsPathText(path: MetricsPath | undefined): string {
  if (!path || path.state === 'arriving') return 'yes, through the sidecar';
  if (path.state === 'cut')
    return `no: ${path.reason ?? 'the sidecar path is cut'}`;
  return `not known: ${path.reason ?? 'the sidecar path could not be judged'}`;
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
  /** The inside view is configured but its pods could not be read: unknown, not none. */
  podsUnread?: boolean;
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
          facts={compactorFacts(evidence, now, props.podsUnread)}
        />
      </Box>

      {evidence.blocksByResolution &&
        evidence.blocksByResolution.length > 0 && (
          <CardSection title="Blocks per resolution">
            <BlocksByResolutionChart blocks={evidence.blocksByResolution} />
          </CardSection>
        )}

      {pods && pods.length > 0 && (
        <CardSection title="Pods">
          <PodHealthTable pods={pods} caption="Compactor pods" />
        </CardSection>
      )}

      <CardSection title="Findings">
        <FindingsList
          findings={compactor.findings}
          title="Compactor findings"
        />
      </CardSection>
    </InfoCard>
  );
}

/** The compactor's evidence as the rows of its fact list. */
function compactorFacts(
  evidence: CompactorStatus['evidence'],
  now: number,
  podsUnread: boolean | undefined,
): Array<[string, ReactNode]> {
  const special = evidence.specialValues ?? {};
  return [
    ['Metrics reach the observer', metricsPathText(evidence.metricsPath)],
    ['Halted', <HaltedValue halted={evidence.halted} />],
    ['Last successful run', lastRunText(evidence.lastSuccessfulRunTime, now)],
    ['Compactors up', count(evidence.instancesUp)],
    ['Version', evidence.version ?? 'not known'],
    ['Compactions to do', count(evidence.backlog.todoCompactions)],
    ['Blocks to compact', count(evidence.backlog.todoCompactionBlocks)],
    ['Blocks to downsample', count(evidence.backlog.todoDownsampleBlocks)],
    ['Blocks to delete', count(evidence.backlog.todoDeletionBlocks)],
    [
      'Compaction failures (5m)',
      percent(
        evidence.compactionFailurePercent,
        special.compactionFailurePercent,
      ),
    ],
    [
      'Bucket operation failures (5m)',
      percent(
        evidence.bucketOperationFailurePercent,
        special.bucketOperationFailurePercent,
      ),
    ],
    ['Downsample failures (1h)', count(evidence.downsampleFailures)],
    ['Retention raw', retention(evidence.retention?.raw)],
    ['Retention 5m', retention(evidence.retention?.fiveMinutes)],
    ['Retention 1h', retention(evidence.retention?.oneHour)],
    ...(podsUnread
      ? [
          ['Pods', 'could not be read (see the errors above)'] as [
            string,
            string,
          ],
        ]
      : []),
  ];
}

/**
 * The compactor's last successful run. The gauge reads 0 until the first run completes (Thanos
 * sets it on success only), which means "never", not 1970.
 */
function lastRunText(seconds: number | null, now: number): string {
  if (seconds === null) return 'not available';
  if (seconds === 0) return 'never (since the compactor started)';
  return formatAgo(seconds * 1000, now);
}
