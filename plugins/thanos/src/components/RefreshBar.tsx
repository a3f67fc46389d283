import { useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import {
  describeDuration,
  formatTimestamp,
  parseRfc3339,
} from '@thanos-backstage/plugin-thanos-common';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: theme.spacing(1),
  },
}));

/**
 * "Checked at 09:58 UTC (12 s ago)" with a refresh button. The age ticks every second on its own,
 * so the rest of the page does not re-render with it.
 */
export function RefreshBar(props: {
  /** When the backend read the upstream facts (`ClusterStatus.checkedAt`), if known. */
  checkedAt?: string;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const classes = useStyles();
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), 1000);
  const checked = parseRfc3339(props.checkedAt);
  return (
    <div className={classes.bar}>
      <Typography variant="body2" color="textSecondary" role="status">
        {checked !== null &&
          `Checked at ${formatTimestamp(checked)} (${describeDuration(
            now - checked,
          )} ago)`}
        {props.refreshing && ' · refreshing…'}
      </Typography>
      <Tooltip title="Refresh now">
        <span>
          <IconButton
            aria-label="Refresh Thanos status"
            onClick={props.onRefresh}
            disabled={props.refreshing}
            size="small"
          >
            <RefreshIcon />
          </IconButton>
        </span>
      </Tooltip>
    </div>
  );
}
