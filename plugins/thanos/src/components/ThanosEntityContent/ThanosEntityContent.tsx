import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { THANOS_ANNOTATION_EXTERNAL_LABELS } from '@thanos-backstage/plugin-thanos-common';
import Box from '@material-ui/core/Box';
import { ThanosErrorPanel } from '../ThanosErrorPanel';
import { thanosApiRef } from '../../api/ThanosApi';
import { usePolling } from '../../hooks/usePolling';
import { isThanosAvailable } from '../../isThanosAvailable';
import { RefreshBar } from '../RefreshBar';
import { ClusterStatusView } from './ClusterStatusView';
import { RegistrationNotice } from './RegistrationNotice';

/** @public */
export interface ThanosEntityContentProps {
  /** Re-read interval in milliseconds; 0 turns auto-refresh off. Default 30 s. */
  refreshIntervalMs?: number;
}

function EntityClusterStatus(props: ThanosEntityContentProps) {
  const { entity } = useEntity();
  const thanosApi = useApi(thanosApiRef);
  const entityRef = getCompoundEntityRef(entity);
  const { value, error, loading, refresh } = usePolling(
    () => thanosApi.getEntityStatus(entityRef),
    [thanosApi, entityRef.kind, entityRef.namespace, entityRef.name],
    props.refreshIntervalMs,
  );

  const bar = (
    <RefreshBar
      checkedAt={value?.checkedAt}
      refreshing={loading}
      onRefresh={refresh}
    />
  );
  if (!value) {
    if (error) {
      return (
        <>
          {bar}
          <ThanosErrorPanel
            error={error}
            what="the Thanos status of this entity"
          />
        </>
      );
    }
    return <Progress />;
  }
  return (
    <>
      {bar}
      {error && (
        <ThanosErrorPanel
          error={error}
          what="a newer Thanos status (showing the last one read)"
        />
      )}
      <Box mt={1}>
        <ClusterStatusView status={value} now={Date.now()} />
      </Box>
    </>
  );
}

/**
 * The Thanos tab of an entity page: sidecar reachability and compactor status of the entity's
 * cluster, re-read every 30 s.
 *
 * @public
 */
export function ThanosEntityContent(props: ThanosEntityContentProps) {
  const { entity } = useEntity();
  if (!isThanosAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={THANOS_ANNOTATION_EXTERNAL_LABELS}
      />
    );
  }
  // Keyed so another entity never shows this one's last status while its own loads.
  return (
    <>
      <RegistrationNotice entity={entity} />
      <EntityClusterStatus key={stringifyEntityRef(entity)} {...props} />
    </>
  );
}
