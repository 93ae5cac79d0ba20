import { createServer } from 'node:net';

/**
 * A TCP port free on `host` right now (the system picks it), for starting a server that has to
 * be told its port in advance (child processes in tests, the local launcher). Another process may
 * still take it before it is used.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
