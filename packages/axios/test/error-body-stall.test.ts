// An error body that stops arriving (contract P12): axios in Node waits as long as the socket stays open, for a
// buffered body too, so without a `timeout` the request never settled. Core's limits end it in every adapter alike:
// 2 s of silence, or 10 s for the whole read of a body that trickles. The real limits are used (they are not
// injectable): the silent cases take about 2 s each and the trickle about 10 s.
import { expectStalledBodyError, startStalledErrorBodyServer } from '@bce-errors/adapter-suite';
import axios, { type ResponseType } from 'axios';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { installBceErrors } from '../src/index.js';

let server: Awaited<ReturnType<typeof startStalledErrorBodyServer>>;
beforeAll(async () => {
  server = await startStalledErrorBodyServer();
});
afterAll(async () => {
  await server.close();
});

// Concurrent: each case waits on core's real limits (2 s, 10 s) with a client and a target of its own.
describe.concurrent('axios: an error body that stops arriving ends the attempt', () => {
  it.for<ResponseType>(['json', 'stream'])(
    'responseType %s, no timeout: one byte then silence is the 404 with what arrived, the connection closed',
    async (responseType, { expect }) => {
      const client = axios.create({ responseType });
      installBceErrors(client, { style: 'java', retry: false });
      const target = server.target('silent');
      const error: unknown = await client.get(target.url).catch((caught: unknown) => caught);
      expectStalledBodyError(error);
      expect(target.hits()).toBe(1);
      // The client stopped the read: the connection is closed, not left for the server to hold open.
      await expect.poll(() => target.bytesWhenClosed()).toBe(1);
    },
  );

  it('a timeout longer than the stall limit: the stall limit still ends a silent body', async () => {
    const client = axios.create({ timeout: 25_000 });
    installBceErrors(client, { style: 'go', retry: false });
    const target = server.target('silent');
    expectStalledBodyError(await client.get(target.url).catch((caught: unknown) => caught));
  });

  it("axios' fetch adapter, responseType stream (a web stream, no watcher): the silent body ends too", async ({
    expect,
  }) => {
    const client = axios.create({ adapter: 'fetch', responseType: 'stream' });
    installBceErrors(client, { style: 'java', retry: false });
    const target = server.target('silent');
    expectStalledBodyError(await client.get(target.url).catch((caught: unknown) => caught));
    await expect.poll(() => target.bytesWhenClosed()).toBe(1);
  });

  it("axios' fetch adapter, responseType stream: a trickling body ends at the whole-read deadline", async ({
    expect,
  }) => {
    const client = axios.create({ adapter: 'fetch', responseType: 'stream' });
    installBceErrors(client, { style: 'java', retry: false });
    const target = server.target('trickle');
    expectStalledBodyError(await client.get(target.url).catch((caught: unknown) => caught));
    await expect.poll(() => target.bytesWhenClosed()).toBeGreaterThan(1);
  }, 25_000);

  it('a body that trickles a byte every 250 ms, never silent for 2 s, ends at the whole-read deadline', async ({
    expect,
  }) => {
    const client = axios.create();
    installBceErrors(client, { style: 'python', retry: false });
    const target = server.target('trickle');
    expectStalledBodyError(await client.get(target.url).catch((caught: unknown) => caught));
    // More than the first byte arrived before the read stopped: the stall limit was not what ended it.
    await expect.poll(() => target.bytesWhenClosed()).toBeGreaterThan(1);
  }, 25_000);
});
