import type { ClusterStatus } from '@thanos-backstage/plugin-thanos-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from 'react-router-dom';
import { HealthStatus } from '../stateDisplay';

const useStyles = makeStyles(theme => ({
  lines: { listStyle: 'none', margin: 0, padding: 0 },
  line: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'baseline',
    marginBottom: theme.spacing(1),
  },
  part: {
    minWidth: '6em',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  // A plain router link: MUI's Link still calls the deprecated findDOMNode on React 18.3.
  link: { color: theme.palette.link ?? theme.palette.primary.main },
}));

/** Sidecar and compactor, one line each, and the way to the tab with the details. */
export function EntityStatusLines(props: {
  status: ClusterStatus;
  tabHref: string;
}) {
  const classes = useStyles();
  const { status } = props;
  return (
    <>
      <ul className={classes.lines} aria-label="Thanos status">
        {(
          [
            ['Sidecar', status.sidecar],
            ['Compactor', status.compactor],
          ] as const
        ).map(([part, { state, summary }]) => (
          <li key={part} className={classes.line}>
            <span className={classes.part}>{part}</span>
            <HealthStatus state={state}>{summary}</HealthStatus>
          </li>
        ))}
      </ul>
      {status.errors.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          {status.errors.length} source{status.errors.length === 1 ? '' : 's'}{' '}
          could not be read.
        </Typography>
      )}
      <Link className={classes.link} to={props.tabHref}>
        View Thanos details
      </Link>
    </>
  );
}
