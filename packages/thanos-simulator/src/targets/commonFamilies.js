'use strict';

/**
 * Families every simulated Thanos process exposes, whatever its component.
 * Help texts are copied from the code that registers them, so dashboards and the backend see
 * the same metadata as from real Thanos v0.42.4.
 */

/** Thanos v0.42.4 (tag commit 45c4f39487e1653e606307d3952a6259fb96acae), built with Go 1.26. */
const THANOS_BUILD = Object.freeze({
  version: '0.42.4',
  revision: '45c4f39487e1653e606307d3952a6259fb96acae',
  branch: 'HEAD',
  buildUser: 'root@thanos-simulator',
  buildDate: '20260730-13:04:27',
  goVersion: 'go1.26.0',
});

/** Bucket operations objstore pre-registers at 0 (thanos-io/objstore `objstore.go` `BucketMetrics`). */
const BUCKET_OPERATIONS = Object.freeze([
  'attributes',
  'delete',
  'exists',
  'get',
  'get_range',
  'iter',
  'upload',
]);

/**
 * `thanos_build_info`: client_golang `collectors/version.NewCollector("thanos")`, registered in
 * cmd/thanos/main.go; tags from .promu.yml.
 *
 * @returns {import('../exposition').MetricFamily}
 */
function buildInfoFamily() {
  return {
    name: 'thanos_build_info',
    help: "A metric with a constant '1' value labeled by version, revision, branch, goversion from which thanos was built, and the goos and goarch for the build.",
    type: 'gauge',
    samples: [
      {
        labels: {
          branch: THANOS_BUILD.branch,
          goarch: 'amd64',
          goos: 'linux',
          goversion: THANOS_BUILD.goVersion,
          revision: THANOS_BUILD.revision,
          tags: 'netgo,slicelabels',
          version: THANOS_BUILD.version,
        },
        value: 1,
      },
    ],
  };
}

/**
 * `thanos_status{check,component}`: pkg/prober/intrumentation.go (name `status` under the
 * `thanos_` registry prefix, constant label `component`).
 *
 * @param {string} component `sidecar`, `compact`, …
 * @param {{healthy: boolean, ready: boolean}} status
 * @returns {import('../exposition').MetricFamily}
 */
function statusFamily(component, status) {
  return {
    name: 'thanos_status',
    help: 'Represents status (0 indicates failure, 1 indicates success) of the component.',
    type: 'gauge',
    samples: [
      {
        labels: { check: 'healthy', component },
        value: status.healthy ? 1 : 0,
      },
      { labels: { check: 'ready', component }, value: status.ready ? 1 : 0 },
    ],
  };
}

/**
 * The objstore bucket families with the `thanos_` prefix and constant `bucket` label
 * (thanos-io/objstore `objstore.go` `BucketMetrics`): operations, failures, and the last
 * successful upload in unix seconds (0 until the first upload since the process started).
 *
 * @param {string} bucket
 * @param {Partial<Record<string, number>>} operations per operation
 * @param {Partial<Record<string, number>>} failures per operation
 * @param {number} lastUploadMs epoch ms, 0 for none
 * @returns {import('../exposition').MetricFamily[]}
 */
function bucketFamilies(bucket, operations, failures, lastUploadMs) {
  return [
    {
      name: 'thanos_objstore_bucket_operations_total',
      help: 'Total number of all attempted operations against a bucket.',
      type: 'counter',
      samples: BUCKET_OPERATIONS.map(operation => ({
        labels: { bucket, operation },
        value: operations[operation] ?? 0,
      })),
    },
    {
      name: 'thanos_objstore_bucket_operation_failures_total',
      help: 'Total number of operations against a bucket that failed, but were not expected to fail in certain way from caller perspective. Those errors have to be investigated.',
      type: 'counter',
      samples: BUCKET_OPERATIONS.map(operation => ({
        labels: { bucket, operation },
        value: failures[operation] ?? 0,
      })),
    },
    {
      name: 'thanos_objstore_bucket_last_successful_upload_time',
      help: 'Second timestamp of the last successful upload to the bucket.',
      type: 'gauge',
      samples: [{ labels: { bucket }, value: Math.floor(lastUploadMs / 1000) }],
    },
  ];
}

module.exports = {
  THANOS_BUILD,
  buildInfoFamily,
  statusFamily,
  bucketFamilies,
};
