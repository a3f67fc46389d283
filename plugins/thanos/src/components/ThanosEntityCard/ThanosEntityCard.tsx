import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import { THANOS_ANNOTATION_EXTERNAL_LABELS } from '@thanos-backstage/plugin-thanos-common';
import { CARD_TITLE } from '../stateDisplay';
import { ThanosErrorPanel } from '../ThanosErrorPanel';
import { thanosApiRef } from '../../api/ThanosApi';
import { usePolling } from '../../hooks/usePolling';
import { isThanosAvailable } from '../../isThanosAvailable';
import { EntityStatusLines } from './EntityStatusLines';

/** @public */
export interface ThanosEntityCardProps {
  /** Re-read interval in milliseconds; 0 turns auto-refresh off. Default 30 s. */
  refreshIntervalMs?: number;
  /** Path of the Thanos tab below the entity page. Default `thanos`. */
  tabPath?: string;
}

function CardBody(props: ThanosEntityCardProps) {
  const { entity } = useEntity();
  const thanosApi = useApi(thanosApiRef);
  const entityLink = useEntityRefLink();
  const entityRef = getCompoundEntityRef(entity);
  const { value, error } = usePolling(
    () => thanosApi.getEntityStatus(entityRef),
    [thanosApi, entityRef.kind, entityRef.namespace, entityRef.name],
    props.refreshIntervalMs,
  );
  if (error) {
    return <ThanosErrorPanel error={error} what="the Thanos status" />;
  }
  if (!value) return <Progress />;
  // Absolute, because the card is rendered on the overview at the entity root and relative
  // targets are resolved differently by the two frontend systems.
  const tabHref = `${entityLink(entity).replace(/\/$/, '')}/${
    props.tabPath ?? 'thanos'
  }`;
  return <EntityStatusLines status={value} tabHref={tabHref} />;
}

/**
 * Overview card: sidecar and compactor state in one line each, linking to the Thanos tab.
 *
 * @public
 */
export function ThanosEntityCard(props: ThanosEntityCardProps) {
  const { entity } = useEntity();
  return (
    <InfoCard title="Thanos" titleTypographyProps={CARD_TITLE}>
      {isThanosAvailable(entity) ? (
        <CardBody key={stringifyEntityRef(entity)} {...props} />
      ) : (
        <MissingAnnotationEmptyState
          annotation={THANOS_ANNOTATION_EXTERNAL_LABELS}
        />
      )}
    </InfoCard>
  );
}
