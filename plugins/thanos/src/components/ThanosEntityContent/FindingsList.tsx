import type { Finding } from '@thanos-backstage/plugin-thanos-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SeverityStatus } from '../stateDisplay';
import { EVIDENCE_SOURCE_LABEL } from '../evidenceSource';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  finding: {
    borderLeft: `4px solid ${theme.palette.divider}`,
    padding: theme.spacing(1, 2),
    marginBottom: theme.spacing(1.5),
  },
  error: { borderLeftColor: theme.palette.error.main },
  warning: { borderLeftColor: theme.palette.warning.main },
  info: { borderLeftColor: theme.palette.info.main },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  detail: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
  hint: { marginTop: theme.spacing(0.5) },
}));

/** Every finding with what was seen, where it came from and what to do about it. */
export function FindingsList(props: { findings: Finding[]; title: string }) {
  const classes = useStyles();
  if (props.findings.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No findings.
      </Typography>
    );
  }
  return (
    <ul className={classes.list} aria-label={props.title}>
      {props.findings.map(finding => (
        <li
          key={`${finding.id}-${finding.hop ?? ''}-${finding.title}`}
          className={`${classes.finding} ${classes[finding.severity]}`}
        >
          <div className={classes.header}>
            <SeverityStatus severity={finding.severity} />
            <Typography variant="subtitle2" component="h4">
              {finding.title}
            </Typography>
          </div>
          <Typography variant="body2" className={classes.detail}>
            {finding.detail}
          </Typography>
          <Typography variant="body2" className={classes.hint}>
            <strong>What to do: </strong>
            {finding.hint}
          </Typography>
          <div className={classes.header}>
            <Typography variant="caption" color="textSecondary">
              Source: {EVIDENCE_SOURCE_LABEL[finding.source]}
            </Typography>
            {finding.alert && (
              <Chip
                size="small"
                variant="outlined"
                label={`Alert: ${finding.alert}`}
              />
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
