'use strict';

const { sidecarMetrics } = require('./sidecarMetrics');
const { compactorMetrics } = require('./compactorMetrics');
const { prometheusMetrics } = require('./prometheusMetrics');
const { storeGatewayMetrics } = require('./storeGatewayMetrics');

/**
 * What one simulated target serves at a moment: its metric families, or null while nothing
 * answers on its port (a crash-looping compactor between two lives). The live `/metrics` routes
 * and the history written before Prometheus starts both read it, so they tell the same story.
 *
 * @param {string} segment `sidecar`, `compactor`, `prometheus` or `storegateway`
 * @param {import('../clusterConfig').SimulatedCluster} cluster
 * @param {import('../scenarioBook').ScenarioBook} book
 * @param {number} at epoch ms
 * @returns {import('../exposition').MetricFamily[] | null}
 */
function scrapeTarget(segment, cluster, book, at) {
  switch (segment) {
    case 'sidecar':
      return sidecarMetrics(cluster, book, at);
    case 'prometheus':
      return prometheusMetrics(cluster, book, at);
    case 'storegateway':
      return storeGatewayMetrics(cluster, book, at);
    case 'compactor': {
      const scrape = compactorMetrics(cluster, book, at);
      return scrape.available ? scrape.families : null;
    }
    default:
      throw new Error(
        `unknown target "${segment}"; valid targets: sidecar, compactor, prometheus, storegateway`,
      );
  }
}

module.exports = { scrapeTarget };
