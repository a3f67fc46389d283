import type {
  SourceError,
  StoreEndpoint,
  StoresRead,
} from '@thanos-backstage/plugin-thanos-common';
import {
  InvalidObserveeKeyError,
  type ThanosInstance,
} from '../client/ThanosInstance';
import type { CachedRead } from './CoalescingCache';
import { failure, showsHealthyDirectSidecar, storesRead } from './observations';
import type { ObserveeTarget } from './observeeTarget';
import type { ThanosFacts } from './ThanosFacts';

/** What the TLS querier read contributed; `fact` identifies it in the judgement memo. */
export interface TlsQuerierFact {
  stores: StoresRead | null;
  readAt?: number;
  fact: number | 'not-configured' | 'direct' | 'invalid-key';
  errors: SourceError[];
}

/**
 * The observee's TLS querier, read only when it can tell something: not when no route to it is
 * configured, and not when the central query shows a healthy `sidecar` entry with the cluster's
 * labels (a sidecar it dials directly, like the observer's own, has no TLS querier).
 */
export async function readTlsQuerierFact(
  facts: ThanosFacts,
  instance: ThanosInstance,
  target: ObserveeTarget,
  central: CachedRead<StoreEndpoint[]>,
): Promise<TlsQuerierFact> {
  if (!instance.hasTlsQuerier) {
    return { stores: null, errors: [], fact: 'not-configured' };
  }
  if (showsHealthyDirectSidecar(central, target)) {
    return { stores: null, errors: [], fact: 'direct' };
  }
  try {
    const read = await facts.tlsQuerierStores(instance, target.observeeKey);
    return {
      stores: storesRead(read),
      readAt: read.readAt,
      fact: read.readAt,
      errors: failure(
        read,
        'tls-querier',
        `${instance.name} TLS querier ${target.observeeKey}`,
      ),
    };
  } catch (error) {
    if (!(error instanceof InvalidObserveeKeyError)) throw error;
    return {
      stores: { ok: false, error: error.message },
      fact: 'invalid-key',
      errors: [
        {
          source: 'config',
          target: `${instance.name} TLS querier`,
          message: error.message,
        },
      ],
    };
  }
}
