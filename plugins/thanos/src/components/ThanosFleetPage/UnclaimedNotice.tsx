import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { UnclaimedLabelSet } from '@thanos-backstage/plugin-thanos-common';
import useAsync from 'react-use/esm/useAsync';
import { thanosApiRef } from '../../api/ThanosApi';

/** `cluster="oslo"` for `{ cluster: 'oslo' }`: the labels as PromQL writes them. */
function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(', ');
}

/** The drift line's text, or null when Thanos serves nothing the catalog does not know. */
export function unclaimedText(sets: UnclaimedLabelSet[]): string | null {
  if (sets.length === 0) return null;
  const listed = sets
    .map(set => `{${labelText(set.labels)}} (${set.types.join(', ')})`)
    .join('; ');
  return `${sets.length} label ${
    sets.length === 1 ? 'set' : 'sets'
  } served by Thanos Query match no catalog entity: ${listed}. Give each cluster an entity with thanos.io/external-labels (the Thanos catalog provider does this for an infra repo) to see its status here.`;
}

/**
 * The fleet's drift line: what the instance's Thanos serves that no catalog entity claims. Shows
 * nothing while loading, when nothing is unclaimed, when the API has no such read, or when it
 * failed (the fleet table above reports the instance's own errors).
 */
export function UnclaimedNotice(props: {
  instance: string;
  fleetKey?: string;
}) {
  const thanosApi = useApi(thanosApiRef);
  const { value } = useAsync(
    async () => thanosApi.getUnclaimed?.(props.instance) ?? [],
    [thanosApi, props.instance, props.fleetKey],
  );
  const text = unclaimedText(value ?? []);
  if (!text) return null;
  return (
    <div data-testid="thanos-unclaimed">
      <WarningPanel
        severity="info"
        defaultExpanded
        title="Clusters Thanos sees that the catalog does not"
        message={text}
      />
    </div>
  );
}
