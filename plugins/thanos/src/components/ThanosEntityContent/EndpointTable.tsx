import type { StoreEndpoint } from '@thanos-backstage/plugin-thanos-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatAgo,
  formatFreshness,
  formatTimeRange,
  parseRfc3339,
} from '@thanos-backstage/plugin-thanos-common';
import { HealthStatus } from '../stateDisplay';

/** A store entry together with the querier whose `/api/v1/stores` listed it. */
export interface SeenEndpoint {
  seenBy: string;
  endpoint: StoreEndpoint;
}

const useStyles = makeStyles(theme => ({
  // Wide enough to stay readable: the container scrolls sideways instead of squeezing columns.
  table: { minWidth: 1100 },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    minWidth: 280,
    maxWidth: 360,
  },
  chip: { height: 'auto', padding: theme.spacing(0.25, 0) },
  chipLabel: { whiteSpace: 'normal', wordBreak: 'break-word' },
  name: { wordBreak: 'break-all', minWidth: 140 },
  error: { wordBreak: 'break-word', minWidth: 220, maxWidth: 360 },
  nowrap: { whiteSpace: 'nowrap' },
  seenBy: { minWidth: 140 },
  timeRange: { minWidth: 180 },
  caption: { captionSide: 'top' },
}));

function labelSetText(labelSet: Record<string, string>): string {
  return Object.entries(labelSet)
    .map(([name, value]) => `${name}="${value}"`)
    .join(', ');
}

/**
 * The store entries that carry this cluster, as each querier lists them. One component: the JSX
 * is the table as it renders, and its rows share the column layout.
 */
export function EndpointTable(props: {
  endpoints: SeenEndpoint[];
  now: number;
}) {
  const classes = useStyles();
  const { now } = props;
  return (
    <TableContainer>
      <Table size="small" className={classes.table}>
        <caption className={classes.caption}>
          Store endpoints of this cluster, as each querier lists them
        </caption>
        <TableHead>
          <TableRow>
            <TableCell>Seen by</TableCell>
            <TableCell>Name</TableCell>
            <TableCell>Type</TableCell>
            <TableCell>Health</TableCell>
            <TableCell>Last check</TableCell>
            <TableCell>Last error</TableCell>
            <TableCell>Label sets</TableCell>
            <TableCell>Time range</TableCell>
            <TableCell>Data freshness</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.endpoints.length === 0 && (
            <TableRow>
              <TableCell colSpan={9}>
                <Typography variant="body2">
                  No querier lists an endpoint with this cluster's labels.
                </Typography>
              </TableCell>
            </TableRow>
          )}
          {props.endpoints.map(({ seenBy, endpoint }) => (
            <TableRow key={`${seenBy}-${endpoint.type}-${endpoint.name}`}>
              <TableCell className={classes.seenBy}>{seenBy}</TableCell>
              <TableCell className={classes.name}>
                <code>{endpoint.name}</code>
              </TableCell>
              <TableCell className={classes.nowrap}>{endpoint.type}</TableCell>
              <TableCell className={classes.nowrap}>
                <HealthStatus state={endpoint.lastError ? 'error' : 'ok'} />
              </TableCell>
              <TableCell className={classes.nowrap}>
                {formatAgo(parseRfc3339(endpoint.lastCheck), now)}
              </TableCell>
              <TableCell className={classes.error}>
                {endpoint.lastError ?? '—'}
              </TableCell>
              <TableCell>
                {endpoint.labelSets.length === 0 ? (
                  <Typography variant="body2" color="textSecondary">
                    none
                  </Typography>
                ) : (
                  <div className={classes.chips}>
                    {endpoint.labelSets.map(labelSet => {
                      const text = labelSetText(labelSet);
                      return (
                        <Chip
                          key={text}
                          size="small"
                          label={text}
                          classes={{
                            root: classes.chip,
                            label: classes.chipLabel,
                          }}
                        />
                      );
                    })}
                  </div>
                )}
              </TableCell>
              <TableCell className={classes.timeRange}>
                {formatTimeRange(endpoint.minTime, endpoint.maxTime)}
              </TableCell>
              <TableCell className={classes.nowrap}>
                {formatFreshness(endpoint.maxTime, now)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
