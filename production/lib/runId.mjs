import { randomBytes } from 'node:crypto';

/**
 * A name unique to one test run, safe as a PostgreSQL identifier and a Redis key prefix, so
 * parallel and earlier runs (including ones killed before their cleanup) never share state.
 */
export function newRunId(suite) {
  const safe = suite.toLowerCase().replace(/[^a-z0-9]/g, '_');
  return `prod_${safe}_${Date.now().toString(36)}_${randomBytes(3).toString(
    'hex',
  )}`;
}
