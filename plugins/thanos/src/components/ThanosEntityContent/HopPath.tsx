import type { Hop } from '@thanos-backstage/plugin-thanos-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import { HealthStatus } from '../stateDisplay';

const useStyles = makeStyles(theme => ({
  path: { listStyle: 'none', margin: 0, padding: 0 },
  hop: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1, 2),
  },
  failingHop: {
    border: `2px solid ${theme.palette.error.main}`,
  },
  arrow: {
    display: 'block',
    margin: theme.spacing(0.5, 'auto'),
    color: theme.palette.text.secondary,
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

/**
 * The first hop in error, walking from the central query towards the sidecar: where the path
 * breaks. Later hops cannot be judged past a break, so marking only the first keeps it unambiguous.
 */
export function failingHop(hops: Hop[]): Hop | undefined {
  return hops.find(hop => hop.state === 'error');
}

/** Central query → TLS querier → sidecar, each with its state; the broken hop marked in words. */
export function HopPath(props: { hops: Hop[] }) {
  const classes = useStyles();
  const failing = failingHop(props.hops);
  return (
    <ol
      className={classes.path}
      aria-label="Path from the central Thanos Query to the sidecar"
    >
      {props.hops.map((hop, index) => {
        const isFailing = hop === failing;
        return (
          <li key={hop.id} aria-current={isFailing ? 'step' : undefined}>
            {index > 0 && (
              <ArrowDownward className={classes.arrow} aria-hidden="true" />
            )}
            <div
              className={`${classes.hop} ${
                isFailing ? classes.failingHop : ''
              }`}
              data-testid={`hop-${hop.id}`}
            >
              <div className={classes.header}>
                <Typography variant="subtitle2" component="span">
                  {index + 1}. {hop.label}
                </Typography>
                <HealthStatus state={hop.state} />
                {isFailing && (
                  <Chip size="small" color="secondary" label="Failing hop" />
                )}
              </div>
              <Typography variant="body2">{hop.summary}</Typography>
              {hop.endpoint?.lastError && (
                <Typography variant="caption" component="code">
                  {hop.endpoint.lastError}
                </Typography>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
