import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import { HealthStatus } from '../stateDisplay';
import {
  formatAgo,
  parseRfc3339,
} from '@thanos-backstage/plugin-thanos-common';
import { FleetRow, FleetSortKey, sortFleetRows } from './fleetRows';

const COLUMNS: Array<{ key: FleetSortKey; title: string }> = [
  { key: 'entity', title: 'Entity' },
  { key: 'state', title: 'State' },
  { key: 'sidecar', title: 'Sidecar' },
  { key: 'compactor', title: 'Compactor' },
  { key: 'checked', title: 'Checked' },
];

/**
 * The observees, sortable by any column (worst state first by default). A plain MUI table: the
 * material-table behind core-components' Table logs React 18.3 deprecation errors on every page.
 * One component: the JSX is the table as it renders, header and rows sharing the sort state.
 */
export function FleetTable(props: {
  rows: FleetRow[];
  caption: string;
  emptyText: string;
  now: number;
}) {
  const [sortBy, setSortBy] = useState<FleetSortKey>('state');
  const [direction, setDirection] = useState<'asc' | 'desc'>('asc');
  const sorted = useMemo(
    () => sortFleetRows(props.rows, sortBy, direction),
    [props.rows, sortBy, direction],
  );
  const sortOn = (key: FleetSortKey) => {
    setDirection(key === sortBy && direction === 'asc' ? 'desc' : 'asc');
    setSortBy(key);
  };

  return (
    <TableContainer>
      <Table size="small">
        <caption style={{ captionSide: 'top' }}>
          <Typography variant="h6" component="span">
            {props.caption}
          </Typography>
        </caption>
        <TableHead>
          <TableRow>
            {COLUMNS.map(column => {
              const active = column.key === sortBy;
              let ariaSort: 'ascending' | 'descending' | undefined;
              if (active) {
                ariaSort = direction === 'asc' ? 'ascending' : 'descending';
              }
              return (
                <TableCell key={column.key} aria-sort={ariaSort}>
                  <TableSortLabel
                    active={active}
                    direction={active ? direction : 'asc'}
                    onClick={() => sortOn(column.key)}
                  >
                    {column.title}
                  </TableSortLabel>
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.length === 0 && (
            <TableRow>
              <TableCell colSpan={COLUMNS.length}>
                <Typography variant="body2">{props.emptyText}</Typography>
              </TableCell>
            </TableRow>
          )}
          {sorted.map(row => (
            <TableRow key={row.id} data-testid="fleet-row">
              <TableCell>
                <EntityRefLink entityRef={row.status.entityRef} />
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                <HealthStatus state={row.state} />
              </TableCell>
              <TableCell>
                <HealthStatus state={row.status.sidecar.state}>
                  {row.status.sidecar.summary}
                </HealthStatus>
              </TableCell>
              <TableCell>
                <HealthStatus state={row.status.compactor.state}>
                  {row.status.compactor.summary}
                </HealthStatus>
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {formatAgo(parseRfc3339(row.status.checkedAt), props.now)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
