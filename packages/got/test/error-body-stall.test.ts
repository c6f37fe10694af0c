// An error body that stops arriving (contract P12): got waits as long as the socket stays open. Core's limits end
// it in every adapter alike: 2 s of silence, or 10 s for the whole read of a body that trickles. The real limits
// are used (they are not injectable): the silent case takes about 2 s and the trickle about 10 s.
import { expectStalledBodyError, startStalledErrorBodyServer } from '@bce-errors/adapter-suite';
import got from 'got';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { bceErrors } from '../src/index.js';

let server: Awaited<ReturnType<typeof startStalledErrorBodyServer>>;
beforeAll(async () => {
  server = await startStalledErrorBodyServer();
});
afterAll(async () => {
  await server.close();
});

const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );

// Concurrent: each case waits on core's real limits (2 s, 10 s) with a client and a target of its own.
describe.concurrent('got: an error body that stops arriving ends the attempt', () => {
  it('no timeout: one byte then silence is the 404 with what arrived, the connection closed', async ({ expect }) => {
    const target = server.target('silent');
    expectStalledBodyError(await rejection(got.extend(bceErrors({ style: 'java', retry: false })).get(target.url)));
    expect(target.hits()).toBe(1);
    await expect.poll(() => target.bytesWhenClosed()).toBe(1);
  });

  it('a body that trickles a byte every 250 ms, never silent for 2 s, ends at the whole-read deadline', async ({
    expect,
  }) => {
    const target = server.target('trickle');
    expectStalledBodyError(await rejection(got.extend(bceErrors({ style: 'go', retry: false })).get(target.url)));
    // More than the first byte arrived before the read stopped: the stall limit was not what ended it.
    await expect.poll(() => target.bytesWhenClosed()).toBeGreaterThan(1);
  }, 25_000);
});
