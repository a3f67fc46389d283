// Generated from plugins/thanos-backend/src/schema/openapi.yaml by `yarn build:openapi`.
// Do not edit: change the spec and run the script again.
/* eslint-disable */

/** @public */
export interface paths {
  '/v1/entities/{namespace}/{kind}/{name}/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The status of one catalog entity's cluster. */
    get: operations['GetEntityStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/fleet': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The status of every observee cluster of one instance. */
    get: operations['GetFleet'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/fleet/unclaimed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the instance's Thanos Query serves that no catalog entity claims (label sets in its /api/v1/stores matched by no entity's thanos.io/external-labels): clusters Thanos sees and the catalog does not know. */
    get: operations['GetUnclaimed'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/instances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The configured instances and whether they answer; no URLs or credentials. */
    get: operations['GetInstances'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
/** @public */
export type webhooks = Record<string, never>;
/** @public */
export interface components {
  schemas: {
    ClusterStatus: {
      /** Format: date-time */
      checkedAt: string;
      compactor: components['schemas']['ComponentStatus'];
      entityRef: string;
      errors: components['schemas']['SourceError'][];
      externalLabels: components['schemas']['LabelMatcher'][];
      instance: string;
      /** The Kubernetes inside view, when one is configured for the entity. */
      kubernetes?: Record<string, never>;
      observeeKey: string;
      sidecar: components['schemas']['ComponentStatus'];
    };
    /** The sidecar or compactor verdict; `evidence` holds the facts it was judged from. */
    ComponentStatus: {
      evidence: Record<string, never>;
      findings: components['schemas']['Finding'][];
      state: components['schemas']['HealthState'];
      summary: string;
    };
    Error: {
      error: {
        message: string;
        name: string;
      };
      request?: Record<string, never>;
      response?: Record<string, never>;
    };
    /** One thing the status is based on, with what to do about it. */
    Finding: {
      /** The upstream Thanos mixin alert this finding mirrors. */
      alert?: string;
      detail: string;
      hint: string;
      hop?: 'central-query' | 'tls-querier' | 'sidecar';
      id: string;
      severity: 'info' | 'warning' | 'error';
      source: string;
      title: string;
    };
    HealthState: 'ok' | 'warning' | 'error' | 'unknown';
    InstanceSummary: {
      /** Format: date-time */
      checkedAt: string;
      error?: string;
      name: string;
      reachable: boolean;
      version: string | null;
    };
    LabelMatcher: {
      name: string;
      op: '=' | '!=' | '=~' | '!~';
      value: string;
    };
    /** A source that could not be read; the answer is still given from the others. */
    SourceError: {
      message: string;
      source: string;
      status?: number;
      target: string;
    };
    /** A label set Thanos Query serves that no catalog entity claims. */
    UnclaimedLabelSet: {
      labels: {
        [key: string]: string;
      };
      /** The store types that serve it (sidecar, query, store, …). */
      types: string[];
    };
  };
  responses: {
    /** An error in the shape of Backstage's error handler. */
    ErrorResponse: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    /** Kind of the entity, e.g. `Resource`. */
    kind: string;
    /** Name of the entity. */
    name: string;
    /** Namespace of the entity, e.g. `default`. */
    namespace: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
/** @public */
export type $defs = Record<string, never>;
/** @public */
export interface operations {
  GetEntityStatus: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** Kind of the entity, e.g. `Resource`. */
        kind: components['parameters']['kind'];
        /** Name of the entity. */
        name: components['parameters']['name'];
        /** Namespace of the entity, e.g. `default`. */
        namespace: components['parameters']['namespace'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The cluster's status; sources that failed are listed in `errors`. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClusterStatus'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
      default: components['responses']['ErrorResponse'];
    };
  };
  GetFleet: {
    parameters: {
      query?: {
        /** The configured instance; optional when there is one. */
        instance?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One status per observee cluster the catalog names. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClusterStatus'][];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      default: components['responses']['ErrorResponse'];
    };
  };
  GetUnclaimed: {
    parameters: {
      query?: {
        /** The configured instance; optional when there is one. */
        instance?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One entry per unclaimed label set. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UnclaimedLabelSet'][];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      503: components['responses']['ErrorResponse'];
      default: components['responses']['ErrorResponse'];
    };
  };
  GetInstances: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One summary per configured instance. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InstanceSummary'][];
        };
      };
      401: components['responses']['ErrorResponse'];
      default: components['responses']['ErrorResponse'];
    };
  };
}
