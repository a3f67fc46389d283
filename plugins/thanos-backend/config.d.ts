export interface Config {
  /** Configuration of the Thanos backend plugin (`@thanos-backstage/plugin-thanos-backend`). */
  thanos?: {
    /**
     * How long facts read from Thanos stay in the cache, in seconds. Defaults to each instance's
     * refreshIntervalSeconds.
     */
    cacheTtlSeconds?: number;
    /** The Thanos Query (or Query Frontend) endpoints the plugin reads. */
    instances?: Array<{
      /**
       * Unique name, referenced by the `thanos.io/instance` entity annotation. A DNS label:
       * lowercase letters, digits and `-`.
       */
      name: string;
      /** Base URL of Thanos Query or Query Frontend, e.g. https://thanos-query.example.com */
      queryUrl: string;
      /**
       * URL of one observee's TLS querier, with `{key}` standing for the observee key, e.g.
       * http://thanos-tls-querier-{key}-query.monitoring.svc:10902
       */
      tlsQuerierUrlTemplate?: string;
      /** Credentials sent to queryUrl and to the TLS queriers. Give at most one kind. */
      auth?: {
        /** Sent as `Authorization: Bearer <token>`. @visibility secret */
        bearerToken?: string;
        basic?: {
          username: string;
          /** @visibility secret */
          password: string;
        };
        /**
         * Extra request headers, e.g. for an authenticating proxy.
         * @visibility secret
         */
        headers?: { [name: string]: string };
      };
      /** TLS settings for https URLs. */
      tls?: {
        /** PEM CA certificate(s) that sign the server certificate. */
        ca?: string;
        /** PEM client certificate for mutual TLS. */
        cert?: string;
        /** PEM private key of the client certificate. @visibility secret */
        key?: string;
        /** Accept any server certificate. Only for tests. */
        insecureSkipVerify?: boolean;
      };
      /** Timeout of every upstream call, in milliseconds. Default 10000. */
      timeoutMs?: number;
      /** How often the facts of this instance are read again, in seconds. Default 30. */
      refreshIntervalSeconds?: number;
    }>;
  };
}
