// Generated from plugins/thanos-backend/src/schema/openapi.yaml by `yarn build:openapi`.
// Do not edit: change the spec and run the script again.

/** The thanos routes' OpenAPI document. @internal */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'thanos',
    version: '1',
    description:
      'Sidecar reachability and compactor status of the observee clusters of the configured Thanos instances. Mounted under /api/thanos. Every route requires a Backstage identity (user or service token).',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
    },
    parameters: {
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        description: 'Namespace of the entity, e.g. `default`.',
        schema: {
          type: 'string',
          minLength: 1,
        },
      },
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        description: 'Kind of the entity, e.g. `Resource`.',
        schema: {
          type: 'string',
          minLength: 1,
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        description: 'Name of the entity.',
        schema: {
          type: 'string',
          minLength: 1,
        },
      },
    },
    responses: {
      ErrorResponse: {
        description: "An error in the shape of Backstage's error handler.",
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
          request: {
            type: 'object',
          },
          response: {
            type: 'object',
          },
        },
      },
      HealthState: {
        type: 'string',
        enum: ['ok', 'warning', 'error', 'unknown'],
      },
      Finding: {
        type: 'object',
        description:
          'One thing the status is based on, with what to do about it.',
        required: ['id', 'severity', 'title', 'detail', 'hint', 'source'],
        properties: {
          id: {
            type: 'string',
          },
          severity: {
            type: 'string',
            enum: ['info', 'warning', 'error'],
          },
          title: {
            type: 'string',
          },
          detail: {
            type: 'string',
          },
          hint: {
            type: 'string',
          },
          source: {
            type: 'string',
          },
          alert: {
            type: 'string',
            description:
              'The upstream Thanos mixin alert this finding mirrors.',
          },
          hop: {
            type: 'string',
            enum: ['central-query', 'tls-querier', 'sidecar'],
          },
        },
      },
      ComponentStatus: {
        type: 'object',
        description:
          'The sidecar or compactor verdict; `evidence` holds the facts it was judged from.',
        required: ['state', 'summary', 'findings', 'evidence'],
        properties: {
          state: {
            $ref: '#/components/schemas/HealthState',
          },
          summary: {
            type: 'string',
          },
          findings: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Finding',
            },
          },
          evidence: {
            type: 'object',
          },
        },
      },
      LabelMatcher: {
        type: 'object',
        required: ['name', 'op', 'value'],
        properties: {
          name: {
            type: 'string',
          },
          op: {
            type: 'string',
            enum: ['=', '!=', '=~', '!~'],
          },
          value: {
            type: 'string',
          },
        },
      },
      SourceError: {
        type: 'object',
        description:
          'A source that could not be read; the answer is still given from the others.',
        required: ['source', 'target', 'message'],
        properties: {
          source: {
            type: 'string',
          },
          target: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          status: {
            type: 'integer',
          },
        },
      },
      ClusterStatus: {
        type: 'object',
        required: [
          'entityRef',
          'instance',
          'observeeKey',
          'externalLabels',
          'checkedAt',
          'sidecar',
          'compactor',
          'errors',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          instance: {
            type: 'string',
          },
          observeeKey: {
            type: 'string',
          },
          externalLabels: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/LabelMatcher',
            },
          },
          checkedAt: {
            type: 'string',
            format: 'date-time',
          },
          sidecar: {
            $ref: '#/components/schemas/ComponentStatus',
          },
          compactor: {
            $ref: '#/components/schemas/ComponentStatus',
          },
          kubernetes: {
            type: 'object',
            description:
              'The Kubernetes inside view, when one is configured for the entity.',
          },
          errors: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SourceError',
            },
          },
        },
      },
      UnclaimedLabelSet: {
        type: 'object',
        description:
          'A label set Thanos Query serves that no catalog entity claims.',
        required: ['labels', 'types'],
        properties: {
          labels: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          types: {
            type: 'array',
            description:
              'The store types that serve it (sidecar, query, store, …).',
            items: {
              type: 'string',
            },
          },
        },
      },
      InstanceSummary: {
        type: 'object',
        required: ['name', 'reachable', 'version', 'checkedAt'],
        properties: {
          name: {
            type: 'string',
          },
          reachable: {
            type: 'boolean',
          },
          version: {
            type: ['string', 'null'],
          },
          checkedAt: {
            type: 'string',
            format: 'date-time',
          },
          error: {
            type: 'string',
          },
        },
      },
    },
  },
  security: [
    {},
    {
      JWT: [],
    },
  ],
  paths: {
    '/v1/entities/{namespace}/{kind}/{name}/status': {
      get: {
        operationId: 'GetEntityStatus',
        description: "The status of one catalog entity's cluster.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description:
              "The cluster's status; sources that failed are listed in `errors`.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ClusterStatus',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/fleet': {
      get: {
        operationId: 'GetFleet',
        description: 'The status of every observee cluster of one instance.',
        parameters: [
          {
            name: 'instance',
            in: 'query',
            required: false,
            description: 'The configured instance; optional when there is one.',
            schema: {
              type: 'string',
              minLength: 1,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One status per observee cluster the catalog names.',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/ClusterStatus',
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/fleet/unclaimed': {
      get: {
        operationId: 'GetUnclaimed',
        description:
          "What the instance's Thanos Query serves that no catalog entity claims (label sets in its /api/v1/stores matched by no entity's thanos.io/external-labels): clusters Thanos sees and the catalog does not know.",
        parameters: [
          {
            name: 'instance',
            in: 'query',
            required: false,
            description: 'The configured instance; optional when there is one.',
            schema: {
              type: 'string',
              minLength: 1,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One entry per unclaimed label set.',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/UnclaimedLabelSet',
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '503': {
            $ref: '#/components/responses/ErrorResponse',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/v1/instances': {
      get: {
        operationId: 'GetInstances',
        description:
          'The configured instances and whether they answer; no URLs or credentials.',
        responses: {
          '200': {
            description: 'One summary per configured instance.',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/InstanceSummary',
                  },
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
} as const;
