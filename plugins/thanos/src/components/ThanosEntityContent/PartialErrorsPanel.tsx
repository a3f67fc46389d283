import { WarningPanel } from '@backstage/core-components';
import type { SourceError } from '@thanos-backstage/plugin-thanos-common';
import { EVIDENCE_SOURCE_LABEL } from '../evidenceSource';

/** Sources the backend could not read; what they would have shown is missing below. */
export function PartialErrorsPanel(props: { errors: SourceError[] }) {
  const { errors } = props;
  if (errors.length === 0) return null;
  return (
    <WarningPanel
      title={`${errors.length} source${
        errors.length === 1 ? '' : 's'
      } could not be read; the status below is incomplete`}
      defaultExpanded
    >
      <ul aria-label="Sources that could not be read">
        {errors.map(error => (
          <li key={`${error.source}-${error.target}-${error.message}`}>
            <strong>
              {EVIDENCE_SOURCE_LABEL[error.source]} ({error.target}
              {error.status ? `, HTTP ${error.status}` : ''}):
            </strong>{' '}
            {error.message}
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
}
