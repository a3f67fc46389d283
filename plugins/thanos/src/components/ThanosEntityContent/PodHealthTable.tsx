import type { PodHealth } from '@thanos-backstage/plugin-thanos-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { HealthStatus } from '../stateDisplay';

const useStyles = makeStyles({
  // Short values stay on one line; the container scrolls sideways in a narrow card.
  table: { '& th, & td': { whiteSpace: 'nowrap' } },
});

function lastTermination(pod: PodHealth): string {
  if (!pod.lastTerminationReason && pod.lastTerminationExitCode === undefined)
    return '—';
  const code =
    pod.lastTerminationExitCode === undefined
      ? ''
      : ` (exit code ${pod.lastTerminationExitCode})`;
  return `${pod.lastTerminationReason ?? 'Terminated'}${code}`;
}

/** Pods as Kubernetes reports them: readiness, restarts and why the last container died. */
export function PodHealthTable(props: { pods: PodHealth[]; caption: string }) {
  const classes = useStyles();
  return (
    <TableContainer>
      <Table size="small" className={classes.table}>
        <caption style={{ captionSide: 'top' }}>{props.caption}</caption>
        <TableHead>
          <TableRow>
            <TableCell>Pod</TableCell>
            <TableCell>Ready</TableCell>
            <TableCell>Phase</TableCell>
            <TableCell>Restarts</TableCell>
            <TableCell>Waiting reason</TableCell>
            <TableCell>Last termination</TableCell>
            <TableCell>Image</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.pods.map(pod => (
            <TableRow key={`${pod.namespace}/${pod.name}`}>
              <TableCell>
                {pod.namespace}/{pod.name}
              </TableCell>
              <TableCell>
                <HealthStatus
                  state={pod.ready ? 'ok' : 'error'}
                  label={pod.ready ? 'Ready' : 'Not ready'}
                />
              </TableCell>
              <TableCell>{pod.phase}</TableCell>
              <TableCell>{pod.restarts}</TableCell>
              <TableCell>{pod.waitingReason ?? '—'}</TableCell>
              <TableCell>{lastTermination(pod)}</TableCell>
              <TableCell>{pod.image ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
