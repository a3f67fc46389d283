import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type {
  FindingSeverity,
  HealthState,
} from '@thanos-backstage/plugin-thanos-common';
import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';

/**
 * The one place that decides how a state looks: which Backstage Status icon and which word. Every
 * surface (tab, card, fleet page) goes through here so "warning" never looks like "error" in one
 * place and like "unknown" in another.
 */

/** @public */
export const STATE_LABEL: Record<HealthState, string> = {
  ok: 'OK',
  warning: 'Warning',
  error: 'Error',
  unknown: 'Unknown',
};

const SEVERITY_LABEL: Record<FindingSeverity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

const SEVERITY_STATE: Record<FindingSeverity, HealthState> = {
  error: 'error',
  warning: 'warning',
  // Information is neither good nor bad news: shown with the neutral icon, like "unknown".
  info: 'unknown',
};

const useStyles = makeStyles(theme => ({
  status: {
    display: 'inline-flex',
    alignItems: 'baseline',
    gap: theme.spacing(0.5),
  },
  label: {
    fontWeight: theme.typography.fontWeightMedium as number,
    // In narrow table cells the word must not break letter by letter next to its icon.
    whiteSpace: 'nowrap',
    flexShrink: 0,
  },
}));

/** The coloured icon alone; the Status components hide themselves from screen readers. */
export function StateIcon(props: { state: HealthState }) {
  switch (props.state) {
    case 'ok':
      return <StatusOK />;
    case 'warning':
      return <StatusWarning />;
    case 'error':
      return <StatusError />;
    default:
      return <StatusPending />;
  }
}

/**
 * Icon plus the state in words (never colour alone), optionally followed by a summary.
 */
export function HealthStatus(props: {
  state: HealthState;
  /** Words for the state where the subject has its own ("Ready"); the state's name otherwise. */
  label?: string;
  children?: ReactNode;
}) {
  const classes = useStyles();
  return (
    <span className={classes.status} data-state={props.state}>
      <StateIcon state={props.state} />
      <span className={classes.label}>
        {props.label ?? STATE_LABEL[props.state]}
      </span>
      {props.children ? (
        <>
          <span aria-hidden="true">—</span>
          <span>{props.children}</span>
        </>
      ) : null}
    </span>
  );
}

/** A finding's severity, shown like a state. */
export function SeverityStatus(props: { severity: FindingSeverity }) {
  const classes = useStyles();
  return (
    <span className={classes.status} data-severity={props.severity}>
      <StateIcon state={SEVERITY_STATE[props.severity]} />
      <span className={classes.label}>{SEVERITY_LABEL[props.severity]}</span>
    </span>
  );
}

/** InfoCard titles as real headings, so screen-reader users can jump between the cards. */
export const CARD_TITLE = { component: 'h2' } as const;
