import type { ClusterStatus } from '@thanos-backstage/plugin-thanos-common';
import Grid from '@material-ui/core/Grid';
import { CompactorCard } from './CompactorCard';
import { KubernetesInsideView } from './KubernetesInsideView';
import { PartialErrorsPanel } from './PartialErrorsPanel';
import { SidecarCard } from './SidecarCard';

/** The whole Thanos status of one cluster; sources that failed are listed above, the rest shows. */
export function ClusterStatusView(props: {
  status: ClusterStatus;
  now: number;
}) {
  const { status, now } = props;
  return (
    <Grid container spacing={3}>
      {status.errors.length > 0 && (
        <Grid item xs={12}>
          <PartialErrorsPanel errors={status.errors} />
        </Grid>
      )}
      <Grid item xs={12}>
        <SidecarCard sidecar={status.sidecar} now={now} />
      </Grid>
      <Grid item xs={12} lg={status.kubernetes ? 6 : 12}>
        <CompactorCard
          compactor={status.compactor}
          pods={
            status.kubernetes?.compactor?.podsRead === false
              ? null
              : status.kubernetes?.compactor?.pods
          }
          podsUnread={status.kubernetes?.compactor?.podsRead === false}
          now={now}
        />
      </Grid>
      {status.kubernetes && (
        <Grid item xs={12} lg={6}>
          <KubernetesInsideView view={status.kubernetes} />
        </Grid>
      )}
    </Grid>
  );
}
