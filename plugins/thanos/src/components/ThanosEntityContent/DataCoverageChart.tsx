import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  formatTimestamp,
  formatTimeRange,
} from '@thanos-backstage/plugin-thanos-common';
import { ChartSvg, ChartText } from './ChartParts';
import type { SeenEndpoint } from './EndpointTable';

const ROW_HEIGHT = 22;
const LABEL_WIDTH = 260;
const CHART_WIDTH = 760;
const AXIS_HEIGHT = 24;
/** Room right of the plot for the "live" marker. */
const MARKER_WIDTH = 32;

const useStyles = makeStyles({
  figure: { margin: 0 },
  svg: {
    display: 'block',
    width: '100%',
    maxWidth: CHART_WIDTH,
    height: 'auto',
  },
});

/** A bar from minTime to maxTime, clipped to the axis; null maxTime ("live") reaches now. */
interface Bar {
  key: string;
  label: string;
  from: number;
  to: number;
  live: boolean;
  failing: boolean;
  description: string;
}

function bars(endpoints: SeenEndpoint[], now: number): Bar[] {
  return endpoints
    .filter(({ endpoint }) => endpoint.minTime !== null)
    .map(({ seenBy, endpoint }) => ({
      key: `${seenBy}-${endpoint.type}-${endpoint.name}`,
      label: `${endpoint.type} ${endpoint.name}`,
      from: endpoint.minTime!,
      to: endpoint.maxTime === null ? now : Math.min(endpoint.maxTime, now),
      live: endpoint.maxTime === null,
      failing: endpoint.lastError !== null,
      description: `${endpoint.type} ${
        endpoint.name
      } (seen by ${seenBy}): ${formatTimeRange(
        endpoint.minTime,
        endpoint.maxTime,
      )}${endpoint.lastError ? ', failing' : ''}`,
    }));
}

/**
 * Which time range each store can answer for, on one shared axis ending now: a gap or a bar that
 * stops short of "now" shows at a glance which data a dashboard will miss. One component: the
 * JSX is the figure as it renders, every part placed on the same axis.
 */
export function DataCoverageChart(props: {
  endpoints: SeenEndpoint[];
  now: number;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const rows = bars(props.endpoints, props.now);
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No store answers for any time range of this cluster.
      </Typography>
    );
  }
  const start = Math.min(...rows.map(r => r.from));
  const span = Math.max(props.now - start, 1);
  const plotWidth = CHART_WIDTH - LABEL_WIDTH - MARKER_WIDTH;
  const x = (time: number) => LABEL_WIDTH + ((time - start) / span) * plotWidth;
  const height = rows.length * ROW_HEIGHT + AXIS_HEIGHT;
  const title = `Data coverage from ${formatTimestamp(start)} to now`;
  const description = rows.map(r => r.description).join('; ');

  return (
    <figure className={classes.figure}>
      <ChartSvg
        className={classes.svg}
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        title={title}
        description={description}
      >
        {rows.map((row, index) => {
          const y = index * ROW_HEIGHT;
          return (
            <g key={row.key}>
              <ChartText x={0} y={y + ROW_HEIGHT / 2 + 4} tone="label">
                {row.label.length > 40
                  ? `${row.label.slice(0, 39)}…`
                  : row.label}
              </ChartText>
              <rect
                x={x(row.from)}
                y={y + 4}
                width={Math.max(x(row.to) - x(row.from), 2)}
                height={ROW_HEIGHT - 8}
                rx={3}
                fill={
                  row.failing
                    ? theme.palette.error.main
                    : theme.palette.primary.main
                }
                opacity={row.failing ? 0.5 : 0.8}
              />
              {row.live && (
                <ChartText
                  x={CHART_WIDTH}
                  y={y + ROW_HEIGHT / 2 + 4}
                  tone="note"
                  alignEnd
                >
                  live
                </ChartText>
              )}
            </g>
          );
        })}
        <line
          x1={LABEL_WIDTH}
          x2={LABEL_WIDTH + plotWidth}
          y1={rows.length * ROW_HEIGHT + 2}
          y2={rows.length * ROW_HEIGHT + 2}
          stroke={theme.palette.divider}
        />
        <ChartText x={LABEL_WIDTH} y={height - 4} tone="note">
          {formatTimestamp(start)}
        </ChartText>
        <ChartText
          x={LABEL_WIDTH + plotWidth}
          y={height - 4}
          tone="note"
          alignEnd
        >
          now
        </ChartText>
      </ChartSvg>
      <figcaption>
        <Typography variant="caption" color="textSecondary">
          Time range each store answers for, up to now; faded red bars are
          stores failing their health check.
        </Typography>
      </figcaption>
    </figure>
  );
}
