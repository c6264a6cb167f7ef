// A loopback port nothing listens on (bound, read, released), for tests, e2e specs and scripts that
// start servers on ports they must know in advance. Another process could take it in between; every
// caller binds it within milliseconds, on a machine where nothing else hands out ports.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
