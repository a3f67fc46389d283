import net from 'node:net';

/** Ports already handed to a process of this run: the OS may offer a closed one again. */
const handedOut = new Set();

/**
 * A TCP port nobody listens on right now (the OS picks it), for one process of a run; never one
 * this run has handed out before, so two processes spawned together cannot get the same port.
 */
export async function freePort() {
  for (;;) {
    const server = net.createServer();
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address();
    await new Promise(resolve => server.close(resolve));
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/** Resolves once something accepts TCP connections on the port, or rejects after `timeoutMs`. */
export async function waitForPort(port, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise(resolve => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) {
      throw new Error(
        `nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
