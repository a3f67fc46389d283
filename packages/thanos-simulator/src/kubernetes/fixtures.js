'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createKubernetesApiDouble } = require('./apiDouble');

/**
 * The Kubernetes API double's credentials: a test CA and a server certificate for 127.0.0.1 and
 * localhost (valid until 2036), generated once with the openssl CLI and kept in
 * fixtures/kubernetes-double/ so the demo config can name the CA file; and a fixed bearer token.
 * Both are test material for a server on the loopback interface, never secrets.
 */

const FIXTURES = path.join(
  __dirname,
  '..',
  '..',
  'fixtures',
  'kubernetes-double',
);
const KUBERNETES_DOUBLE_TOKEN = 'thanos-simulator-test-double-token';
const KUBERNETES_DOUBLE_CA_FILE = path.join(FIXTURES, 'ca.crt');

/**
 * @param {{
 *   clusters: import('../clusterConfig').SimulatedCluster[],
 *   book: import('../scenarioBook').ScenarioBook,
 *   port: number,
 *   host: string,
 *   now?: () => number,
 * }} options
 * @returns {Promise<{server: import('node:https').Server, port: number}>}
 */
function startKubernetesApiDouble(options) {
  const server = createKubernetesApiDouble({
    clusters: options.clusters,
    book: options.book,
    now: options.now,
    token: KUBERNETES_DOUBLE_TOKEN,
    cert: fs.readFileSync(path.join(FIXTURES, 'server.crt')),
    key: fs.readFileSync(path.join(FIXTURES, 'server.key')),
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = /** @type {import('node:net').AddressInfo} */ (
        server.address()
      );
      resolve({ server, port });
    });
  });
}

module.exports = {
  startKubernetesApiDouble,
  KUBERNETES_DOUBLE_TOKEN,
  KUBERNETES_DOUBLE_CA_FILE,
};
