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
      /**
       * The alternative to tlsQuerierUrlTemplate (give at most one): read each observee's TLS
       * querier through the observer cluster's API-server service proxy, so the TLS queriers need
       * not be reachable from Backstage. Needs `get` on `services/proxy` in that namespace.
       */
      tlsQuerierKubernetes?: {
        /** The observer cluster: a cluster name in kubernetes.clusterLocatorMethods (type config). */
        cluster: string;
        /** Namespace of the TLS querier Services. Default `monitoring`. */
        namespace?: string;
        /** Service name with `{key}` for the observee key. Default `thanos-tls-querier-{key}-query`. */
        serviceTemplate?: string;
        /** The Service's HTTP port. Default 10902. */
        port?: number;
      };
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
      /**
       * The external label names that tell this instance's clusters apart; the one batched PromQL
       * query per refresh groups by them. Default `[cluster]`. An entity whose
       * `thanos.io/external-labels` uses other label names is judged with a query of its own.
       */
      groupingLabels?: string[];
      /**
       * Clusters of kubernetes.clusterLocatorMethods (type config) that entities of this instance
       * may name with `thanos.io/kubernetes-cluster` for the inside view. Default: none. An entity
       * naming any other cluster gets an error and no cluster is read for it.
       */
      kubernetesClusters?: string[];
    }>;
    /**
     * Backstage notifications to an entity's owners when its Thanos state changes (needs the
     * notifications backend, `@backstage/plugin-notifications-backend`).
     */
    notifications?: {
      /** Send them. Default false. */
      enabled?: boolean;
      /**
       * The least severe state announced: `error` (default) tells only errors and their
       * recoveries, `warning` also warnings.
       */
      minSeverity?: 'warning' | 'error';
    };
    /** How the Kubernetes inside view finds the Thanos workloads in each cluster. */
    kubernetes?: {
      /** Namespace of kube-prometheus-stack and the thanos chart. Default `monitoring`. */
      namespace?: string;
      /** Timeout of each Kubernetes read, in milliseconds. Default 5000. */
      timeoutMs?: number;
      /** Label selector of the compactor workloads and pods. Default `app.kubernetes.io/component=compactor`. */
      compactorSelector?: string;
      /** Label selector of the Prometheus pods. Default `app.kubernetes.io/name=prometheus`. */
      prometheusSelector?: string;
    };
  };
  /**
   * The clusters of the Backstage Kubernetes plugin's config, read by the Thanos inside view
   * (only locators of type `config`). Declared here because `@backstage/plugin-kubernetes-backend`,
   * which normally declares it, need not be installed.
   */
  kubernetes?: {
    clusterLocatorMethods?: Array<{
      /** Only `config` is read by the Thanos plugin. */
      type: string;
      clusters?: Array<{
        /** The name entities refer to with `thanos.io/kubernetes-cluster`. */
        name: string;
        /** URL of the cluster's API server. */
        url: string;
        /** `serviceAccount` (a token, or the pod's own service account when none is given). */
        authProvider?: string;
        /** Where the Kubernetes plugin may also put `kubernetes.io/auth-provider`. */
        authMetadata?: { [key: string]: string };
        /** @visibility secret */
        serviceAccountToken?: string;
        /** CA of the API server: base64-encoded PEM, as `certificate-authority-data` in a kubeconfig. */
        caData?: string;
        /** Path of the API server's CA file. */
        caFile?: string;
        /** Skip verifying the API server's certificate. Only for tests. */
        skipTLSVerify?: boolean;
      }>;
    }>;
  };
}
