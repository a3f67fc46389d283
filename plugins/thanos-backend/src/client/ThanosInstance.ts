import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ThanosInstanceConfig } from '../config/types';
import { ThanosHttpEndpoint } from './ThanosHttpEndpoint';
import { ThanosQueryClient } from './ThanosQueryClient';

/** Observee keys become part of a host name in the TLS querier URL template. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The key cannot be put into the TLS querier URL template. */
export class InvalidObserveeKeyError extends Error {
  constructor(key: string) {
    super(
      `observee key ${JSON.stringify(
        key.slice(0, 80),
      )} is not a DNS label (1-63 lowercase letters, digits and "-"); set the thanos.io/observee-key annotation to the key used in the observer's thanos-tls-querier map`,
    );
    this.name = 'InvalidObserveeKeyError';
  }
}

/** Throws {@link InvalidObserveeKeyError} unless the key is a DNS label. */
export function assertObserveeKey(observeeKey: string): void {
  if (!DNS_LABEL.test(observeeKey)) {
    throw new InvalidObserveeKeyError(observeeKey);
  }
}

/**
 * The clients of one configured Thanos instance: its central query, and — when a URL template is
 * configured — the TLS querier of each observee. Both share the instance's credentials and TLS
 * settings (they live on the same observer). Only configured URLs are ever called.
 */
export class ThanosInstance {
  readonly config: ThanosInstanceConfig;
  readonly query: ThanosQueryClient;
  private readonly dispatcher: unknown;
  private readonly logger?: LoggerService;

  constructor(
    config: ThanosInstanceConfig,
    options: { logger?: LoggerService } = {},
  ) {
    this.config = config;
    this.logger = options.logger;
    this.dispatcher = createDispatcher(config);
    this.query = new ThanosQueryClient(
      new ThanosHttpEndpoint({
        target: config.name,
        baseUrl: config.queryUrl,
        auth: config.auth,
        timeoutMs: config.timeoutMs,
        dispatcher: this.dispatcher,
        logger: this.logger,
      }),
    );
  }

  get name(): string {
    return this.config.name;
  }

  /** The labels the batched PromQL query groups by (config, default `cluster`), sorted. */
  get groupingLabels(): string[] {
    return this.config.groupingLabels ?? ['cluster'];
  }

  /** Whether an entity of this instance may have the inside view of this Kubernetes cluster. */
  allowsKubernetesCluster(name: string): boolean {
    return (this.config.kubernetesClusters ?? []).includes(name);
  }

  get hasTlsQuerierTemplate(): boolean {
    return Boolean(this.config.tlsQuerierUrlTemplate);
  }

  /** Whether the TLS queriers can be read, by URL template or through the Kubernetes API. */
  get hasTlsQuerier(): boolean {
    return (
      this.hasTlsQuerierTemplate || Boolean(this.config.tlsQuerierKubernetes)
    );
  }

  /**
   * The client of one observee's TLS querier. Throws {@link InvalidObserveeKeyError} when the key
   * is not a DNS label, so no entity can steer the request to another host or path.
   */
  tlsQuerier(observeeKey: string): ThanosQueryClient {
    const template = this.config.tlsQuerierUrlTemplate;
    if (!template) {
      throw new Error(`instance ${this.name} has no tlsQuerierUrlTemplate`);
    }
    assertObserveeKey(observeeKey);
    const baseUrl = template
      .replace(/\{key\}/g, encodeURIComponent(observeeKey))
      .replace(/\/+$/, '');
    return new ThanosQueryClient(
      new ThanosHttpEndpoint({
        target: `${this.name} TLS querier ${observeeKey}`,
        baseUrl,
        auth: this.config.auth,
        timeoutMs: this.config.timeoutMs,
        dispatcher: this.dispatcher,
        logger: this.logger,
      }),
    );
  }
}

/**
 * An undici Agent carrying the CA, client certificate and verification setting, passed to
 * `fetch` as `dispatcher`. Without TLS options the global dispatcher is used.
 */
function createDispatcher(config: ThanosInstanceConfig): unknown {
  const tls = config.tls;
  if (!tls) return undefined;
  // Loaded lazily: only instances with TLS options need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Agent } = require('undici') as typeof import('undici');
  return new Agent({
    connect: {
      ...(tls.ca ? { ca: tls.ca } : {}),
      ...(tls.cert ? { cert: tls.cert } : {}),
      ...(tls.key ? { key: tls.key } : {}),
      rejectUnauthorized: !tls.insecureSkipVerify,
    },
  });
}
