import type { HealthState } from '@thanos-backstage/plugin-thanos-common';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import { STATE_LABEL } from '../stateDisplay';
import { FleetTable } from './FleetTable';
import {
  FleetRow,
  STATE_ORDER,
  countByState,
  filterFleetRows,
} from './fleetRows';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  counts: { marginBottom: theme.spacing(2) },
}));

/** "1 ok · 0 warning · 2 error · 0 unknown", for the line above the table. */
export function describeCounts(counts: Record<HealthState, number>): string {
  return (['ok', 'warning', 'error', 'unknown'] as HealthState[])
    .map(state => `${counts[state]} ${STATE_LABEL[state].toLocaleLowerCase()}`)
    .join(' · ');
}

/** Every observee of one instance with both states; sortable, searchable, filterable by state. */
export function FleetView(props: { rows: FleetRow[]; instance?: string }) {
  const classes = useStyles();
  const [search, setSearch] = useState('');
  const [states, setStates] = useState<HealthState[]>([]);
  const counts = useMemo(() => countByState(props.rows), [props.rows]);
  const visible = useMemo(
    () => filterFleetRows(props.rows, search, states),
    [props.rows, search, states],
  );
  const toggle = (state: HealthState) =>
    setStates(current =>
      current.includes(state)
        ? current.filter(s => s !== state)
        : [...current, state],
    );

  return (
    <>
      <Typography
        variant="subtitle1"
        className={classes.counts}
        role="status"
        aria-label={`Observees by state: ${describeCounts(counts)}`}
      >
        {describeCounts(counts)}
      </Typography>
      <div className={classes.toolbar}>
        <TextField
          id="thanos-fleet-search"
          label="Search observees"
          variant="outlined"
          size="small"
          value={search}
          onChange={event => setSearch(event.target.value)}
        />
        <div role="group" aria-label="Filter by state">
          {STATE_ORDER.map(state => {
            const selected = states.includes(state);
            return (
              <Chip
                key={state}
                label={`${STATE_LABEL[state]} (${counts[state]})`}
                color={selected ? 'primary' : 'default'}
                variant={selected ? 'default' : 'outlined'}
                onClick={() => toggle(state)}
                aria-pressed={selected}
                style={{ marginRight: 4 }}
              />
            );
          })}
        </div>
      </div>
      <FleetTable
        rows={visible}
        now={Date.now()}
        caption={
          props.instance
            ? `Observees of ${props.instance} (${visible.length})`
            : `Observees (${visible.length})`
        }
        emptyText={
          props.rows.length === 0
            ? 'This instance knows of no observee.'
            : 'No observee matches the search and state filters.'
        }
      />
    </>
  );
}
