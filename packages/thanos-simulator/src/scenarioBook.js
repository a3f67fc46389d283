'use strict';

const {
  scenarioNamed,
  SCENARIO_NAMES,
  isScenarioName,
} = require('./scenarios');

/**
 * Which scenario each simulated cluster is in, and since when.
 *
 * The onset matters because the simulated signals age from it: a failing endpoint's `lastCheck`
 * stays at the onset, a halted compactor's counters stop there, a stopped Prometheus' newest
 * sample is the onset. Time is passed in by the caller (epoch ms) so the rules stay testable.
 */
class ScenarioBook {
  /**
   * @param {import('./clusterConfig').SimulatedCluster[]} clusters
   * @param {number} startedAt epoch ms the simulator started
   */
  constructor(clusters, startedAt) {
    this.clusters = clusters;
    this.startedAt = startedAt;
    /** @type {Map<string, {name: string, since: number}>} */
    this.entries = new Map();
    this.reset();
  }

  /** Puts every cluster back into the scenario clusters.json gives it. */
  reset() {
    this.entries.clear();
    for (const cluster of this.clusters) {
      const scenario = scenarioNamed(cluster.scenario);
      this.entries.set(cluster.key, {
        name: cluster.scenario,
        since: this.startedAt - scenario.initialOnsetMinutes * 60_000,
      });
    }
  }

  /** @param {string} key */
  has(key) {
    return this.entries.has(key);
  }

  /**
   * @param {string} key
   * @returns {{name: string, since: number, scenario: import('./scenarios').Scenario}}
   */
  current(key) {
    const entry = this.entries.get(key);
    if (!entry) {
      throw new Error(`no simulated cluster with key "${key}"`);
    }
    return { ...entry, scenario: scenarioNamed(entry.name) };
  }

  /**
   * Switches a cluster's scenario. Switching to the scenario it is already in keeps the onset,
   * so repeating a request does not make a failure look younger.
   *
   * @param {string} key
   * @param {string} name
   * @param {number} now epoch ms
   */
  switchTo(key, name, now) {
    if (!this.entries.has(key)) {
      throw new Error(`no simulated cluster with key "${key}"`);
    }
    if (!isScenarioName(name)) {
      throw new Error(
        `unknown scenario "${name}"; valid scenarios: ${SCENARIO_NAMES.join(
          ', ',
        )}`,
      );
    }
    const entry = /** @type {{name: string, since: number}} */ (
      this.entries.get(key)
    );
    if (entry.name !== name) {
      this.entries.set(key, { name, since: now });
    }
    return this.current(key);
  }
}

module.exports = { ScenarioBook };
