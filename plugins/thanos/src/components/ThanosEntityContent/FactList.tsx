import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  value: { margin: 0 },
}));

/** Label/value pairs as a description list, so screen readers announce them as pairs. */
export function FactList(props: {
  facts: Array<[string, ReactNode]>;
  label: string;
}) {
  const classes = useStyles();
  return (
    <dl className={classes.list} aria-label={props.label}>
      {props.facts.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt className={classes.term}>{term}</dt>
          <dd className={classes.value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
