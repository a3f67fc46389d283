import { InfoCard } from '@backstage/core-components';
import type { KubernetesView } from '@thanos-backstage/plugin-thanos-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CARD_TITLE, HealthStatus } from '../stateDisplay';
import { FactList } from './FactList';
import { PodHealthTable } from './PodHealthTable';

type Ingress = NonNullable<KubernetesView['ingress']>;

function caSecret(ingress: Ingress) {
  if (!ingress.clientCaSecret) {
    return (
      <HealthStatus state="warning">
        no auth-tls-secret annotation: client certificates are not checked
      </HealthStatus>
    );
  }
  if (ingress.clientCaSecretExists === null) {
    return `${ingress.clientCaSecret} (could not be read)`;
  }
  if (!ingress.clientCaSecretExists) {
    return (
      <HealthStatus state="error">
        {ingress.clientCaSecret} does not exist
      </HealthStatus>
    );
  }
  const keys = ingress.clientCaSecretKeys?.length
    ? ` (keys: ${ingress.clientCaSecretKeys.join(', ')})`
    : '';
  return (
    <HealthStatus state="ok">
      {ingress.clientCaSecret} exists{keys}
    </HealthStatus>
  );
}

/** What Kubernetes itself says about the sidecar ingress, the sidecar and the compactor. */
export function KubernetesInsideView(props: { view: KubernetesView }) {
  const { view } = props;
  const { ingress, compactor, sidecar } = view;
  // The sidecar container's row stands for its pod: the pod's own row would repeat the name.
  const container = sidecar?.container ?? null;
  const sidecarPods = [
    ...(container ? [container] : []),
    ...(sidecar?.pods ?? []).filter(
      pod =>
        !container ||
        pod.namespace !== container.namespace ||
        pod.name !== container.name,
    ),
  ];
  return (
    <InfoCard
      title={`Inside the cluster (${view.cluster})`}
      titleTypographyProps={CARD_TITLE}
    >
      <Typography variant="h6" component="h3" gutterBottom>
        Sidecar ingress
      </Typography>
      {ingress ? (
        <FactList
          label="Sidecar ingress"
          facts={[
            ['Ingress', `${ingress.namespace}/${ingress.name}`],
            ['Hosts', ingress.hosts.join(', ') || 'none'],
            ['TLS hosts', ingress.tlsHosts.join(', ') || 'none (no TLS)'],
            ['Backend protocol', ingress.backendProtocol ?? 'not set (HTTP)'],
            ['Verify client certificate', ingress.verifyClient ?? 'not set'],
            ['Client CA secret', caSecret(ingress)],
          ]}
        />
      ) : (
        <Typography variant="body2" color="textSecondary">
          No sidecar ingress found.
        </Typography>
      )}

      {sidecarPods.length > 0 && (
        <Box mt={2}>
          <PodHealthTable pods={sidecarPods} caption="Sidecar containers" />
        </Box>
      )}

      {compactor && compactor.workloads.length > 0 && (
        <Box mt={2}>
          <Typography variant="h6" component="h3" gutterBottom>
            Compactor workloads
          </Typography>
          <FactList
            label="Compactor workloads"
            facts={compactor.workloads.map(workload => [
              `${workload.kind} ${workload.namespace}/${workload.name}`,
              `${workload.readyReplicas}/${workload.replicas} ready; bucket ${
                workload.bucket ?? 'not known'
              }`,
            ])}
          />
        </Box>
      )}
    </InfoCard>
  );
}
