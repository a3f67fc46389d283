import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { ThanosInstanceSummary } from '@thanos-backstage/plugin-thanos-common';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ThanosErrorPanel } from '../ThanosErrorPanel';
import { UnclaimedNotice } from './UnclaimedNotice';
import { thanosApiRef } from '../../api/ThanosApi';
import { usePolling } from '../../hooks/usePolling';
import { RefreshBar } from '../RefreshBar';
import { FleetView } from './FleetView';
import { toFleetRows } from './fleetRows';

function InstancePicker(props: {
  instances: ThanosInstanceSummary[];
  value: string;
  onChange: (name: string) => void;
}) {
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 240 }}>
      <InputLabel id="thanos-instance-label">Thanos instance</InputLabel>
      <Select
        labelId="thanos-instance-label"
        label="Thanos instance"
        value={props.value}
        onChange={event => props.onChange(String(event.target.value))}
      >
        {props.instances.map(instance => (
          <MenuItem key={instance.name} value={instance.name}>
            {instance.name}
            {instance.reachable ? '' : ' (unreachable)'}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

function Fleet(props: { instance: string; refreshIntervalMs?: number }) {
  const thanosApi = useApi(thanosApiRef);
  const { value, error, loading, refresh } = usePolling(
    () => thanosApi.getFleet(props.instance),
    [thanosApi, props.instance],
    props.refreshIntervalMs,
  );
  const rows = useMemo(() => toFleetRows(value ?? []), [value]);
  // The oldest answer decides how current the page is as a whole.
  const checkedAt = value?.map(status => status.checkedAt).sort()[0];
  return (
    <>
      <RefreshBar
        checkedAt={checkedAt}
        refreshing={loading}
        onRefresh={refresh}
      />
      {error && (
        <ThanosErrorPanel
          error={error}
          what={
            value
              ? `a newer fleet of ${props.instance} (showing the last one read)`
              : `the fleet of ${props.instance}`
          }
        />
      )}
      {!error && !value && <Progress />}
      {value && <FleetView rows={rows} instance={props.instance} />}
      {value && (
        <UnclaimedNotice instance={props.instance} fleetKey={checkedAt} />
      )}
    </>
  );
}

/** @public */
export interface ThanosFleetContentProps {
  /** Re-read interval in milliseconds; 0 turns auto-refresh off. Default 30 s. */
  refreshIntervalMs?: number;
}

/**
 * The fleet: every observee of the selected Thanos instance with both states. Without page chrome,
 * for the new frontend system whose page extension draws the header.
 *
 * @public
 */
export function ThanosFleetContent(props: ThanosFleetContentProps) {
  const thanosApi = useApi(thanosApiRef);
  const instances = useAsync(() => thanosApi.getInstances(), [thanosApi]);
  const [chosen, setChosen] = useState<string>();

  if (instances.error) {
    return (
      <ThanosErrorPanel
        error={instances.error}
        what="the configured Thanos instances"
      />
    );
  }
  if (!instances.value) return <Progress />;
  if (instances.value.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No Thanos instance configured"
        description="Add one under thanos.instances in app-config.yaml (see the plugin README)."
      />
    );
  }
  const instance = chosen ?? instances.value[0].name;
  const summary = instances.value.find(i => i.name === instance);
  return (
    <>
      {instances.value.length > 1 && (
        <InstancePicker
          instances={instances.value}
          value={instance}
          onChange={setChosen}
        />
      )}
      {summary && !summary.reachable && (
        <WarningPanel
          title={`Thanos instance ${instance} did not answer its last check`}
          message={summary.error}
        />
      )}
      <Fleet
        key={instance}
        instance={instance}
        refreshIntervalMs={props.refreshIntervalMs}
      />
    </>
  );
}

/**
 * The body of the fleet page in the new frontend system: the page extension draws the header and
 * leaves the spacing around the content to the page.
 */
export function ThanosFleetPageBody(props: ThanosFleetContentProps) {
  return (
    <Box p={3}>
      <ThanosFleetContent {...props} />
    </Box>
  );
}

/**
 * The fleet page with its own header, for apps on the legacy frontend system.
 *
 * @public
 */
export function ThanosFleetPage(props: ThanosFleetContentProps) {
  return (
    <Page themeId="tool">
      <Header
        title="Thanos fleet"
        subtitle="Sidecar reachability and compactor status of every observee"
      />
      <Content>
        <ThanosFleetContent {...props} />
      </Content>
    </Page>
  );
}
