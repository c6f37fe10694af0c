import { createServer } from 'node:net';

/**
 * A URL on 127.0.0.1 where nothing listens, for connection-refused tests: binds port 0, reads the port
 * the system chose, closes the listener and returns `http://127.0.0.1:<port>`.
 *
 * Another process could claim the port afterwards; on a test machine that is rare enough to ignore.
 */
export function unusedPortUrl(): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error('unusedPortUrl: the probe listener has no TCP address'));
        return;
      }
      probe.close((error) => {
        if (error) reject(error);
        else resolve(`http://127.0.0.1:${String(address.port)}`);
      });
    });
  });
}
