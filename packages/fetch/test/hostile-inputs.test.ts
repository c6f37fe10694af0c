// The fetch part of the second hostile round (issue 12): each case through the real global fetch (undici) against
// a raw loopback server, so the protocol tricks are the bytes a hostile or broken server really writes.
import { isBceClientError, isBceServiceError, type SdkStyle } from '@bce-errors/core';
import { readWebStreamWithin } from '@bce-errors/core/adapter';
import { getEventListeners } from 'node:events';
import type { Socket } from 'node:net';
import { inspect } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createBceFetch } from '../src/index.js';
import { startRawLoopbackServer, type RawLoopbackServer } from './raw-loopback-server.js';

const STYLES: readonly SdkStyle[] = ['go', 'java', 'python'];
const NOT_FOUND_JSON = '{"code":"NoSuchKey","message":"no such key","requestId":"r-1"}';

let servers: RawLoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function rawServer(answer: (socket: Socket) => void): Promise<RawLoopbackServer> {
  const server = await startRawLoopbackServer(answer);
  servers.push(server);
  return server;
}

function answerJson(status: string, body: string): (socket: Socket) => void {
  return (socket) => {
    socket.write(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${String(body.length)}\r\n\r\n${body}`,
    );
  };
}

/** Every text an error can be rendered as, its whole cause chain included (own properties, hidden ones too). */
function renderings(error: unknown): string {
  const texts: string[] = [String(error), JSON.stringify(error), inspect(error, { showHidden: true, depth: Infinity })];
  let current: unknown = error;
  for (let depth = 0; depth < 10 && typeof current === 'object' && current !== null; depth += 1) {
    for (const key of Reflect.ownKeys(current)) {
      const value: unknown = (current as Record<PropertyKey, unknown>)[key];
      texts.push(typeof value === 'string' ? value : inspect(value, { showHidden: true, depth: Infinity }));
    }
    current = (current as { cause?: unknown }).cause;
  }
  return texts.join('\n');
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('a header value with CR, LF or NUL', () => {
  const SECRET = 'sts-token-0123456789abcdef';
  for (const style of STYLES) {
    for (const [label, character] of [
      ['CR', '\r'],
      ['LF', '\n'],
      ['NUL', '\0'],
    ] as const) {
      it(`${style}, ${label}: a BceClientError naming the header, never its value`, async () => {
        const server = await rawServer(answerJson('200 OK', '{}'));
        const headerKinds: HeadersInit[] = [
          { 'x-bce-security-token': `${SECRET}${character}x` },
          [['x-bce-security-token', `${SECRET}${character}x`]],
        ];
        for (const headers of headerKinds) {
          const error = await rejection(createBceFetch({ style })(`${server.url}/h`, { headers }));
          expect(isBceClientError(error)).toBe(true);
          expect(renderings(error)).not.toContain(SECRET);
          if (style !== 'java') expect((error as Error).message).toContain('x-bce-security-token');
          expect(renderings(error)).toMatch(/x-bce-security-token/);
          expect((error as { retries?: number }).retries).toBe(0);
        }
        expect(server.requests()).toBe(0);
      });
    }
  }
});

describe('a method that is not a string', () => {
  const methods: [string, unknown][] = [
    ['a number', 5],
    [
      'an object whose toString throws',
      {
        toString: () => {
          throw new Error('toString exploded');
        },
      },
    ],
  ];
  for (const [label, method] of methods) {
    it(`${label}: a BceClientError that says what to pass`, async () => {
      const server = await rawServer(answerJson('200 OK', '{}'));
      const error = await rejection(createBceFetch({ style: 'go' })(`${server.url}/m`, { method } as RequestInit));
      expect(isBceClientError(error)).toBe(true);
      expect((error as Error).message).toMatch(/method must be a string/);
      expect(server.requests()).toBe(0);
    });
  }
});

describe('the caller aborts a success body after the headers arrived', () => {
  for (const timeoutMs of [0, 5000]) {
    it(`timeoutMs ${String(timeoutMs)}: the body read rejects and the connection closes`, async () => {
      let closed = false;
      const server = await rawServer((socket) => {
        socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n');
        // Drips for ever: only the caller's abort can end this body.
        const drip = setInterval(() => socket.write('1\r\na\r\n'), 20);
        socket.on('close', () => {
          closed = true;
          clearInterval(drip);
        });
      });
      const controller = new AbortController();
      const response = await createBceFetch({ style: 'go', timeoutMs })(`${server.url}/drip`, {
        signal: controller.signal,
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      controller.abort();
      await expect(
        (async () => {
          for (;;) if ((await reader.read()).done) return 'ended';
        })(),
      ).rejects.toMatchObject({ name: 'AbortError' });
      await expect.poll(() => closed).toBe(true);
    });
  }
});

describe('error bodies that never end', () => {
  it('a 64 KiB error body whose Content-Length promises more settles as the 404', async () => {
    const body = gzipSync(`{"code":"NoSuchKey","message":"${'m'.repeat(64 * 1024 - 32)}"}`.slice(0, 64 * 1024));
    const server = await rawServer((socket) => {
      socket.write(
        `HTTP/1.1 404 Not Found\r\ncontent-encoding: gzip\r\ncontent-length: ${String(body.length + 5)}\r\n\r\n`,
      );
      socket.write(body);
    });
    const error = await rejection(createBceFetch({ style: 'go' })(`${server.url}/cut`));
    expect(isBceServiceError(error) && error.statusCode).toBe(404);
  });

  it('an 80 KiB error body with a false Content-Encoding: gzip settles as the 404', async () => {
    const server = await rawServer((socket) => {
      socket.write('HTTP/1.1 404 Not Found\r\ncontent-encoding: gzip\r\ncontent-length: 81920\r\n\r\n');
      socket.write(Buffer.alloc(81_920, '{'));
    });
    const error = await rejection(createBceFetch({ style: 'java' })(`${server.url}/false-gzip`));
    expect(isBceServiceError(error) && error.statusCode).toBe(404);
  });

  it('a body that trickles a byte at a time is read for a bounded time, keeping what arrived', async () => {
    const server = await rawServer((socket) => {
      socket.write('HTTP/1.1 404 Not Found\r\ncontent-length: 100000\r\n\r\n{"code":"NoSuchKey"');
      const drip = setInterval(() => socket.write(' '), 10);
      socket.on('close', () => {
        clearInterval(drip);
      });
    });
    const response = await fetch(`${server.url}/trickle`);
    const read = await readWebStreamWithin(response.body, 64 * 1024, undefined, {
      stallMilliseconds: 2000,
      deadlineMilliseconds: 200,
    });
    expect(read.incomplete).toBe(true);
    expect(new TextDecoder().decode(read.bytes)).toMatch(/^\{"code":"NoSuchKey" *$/);
  });

  it('a body whose chunks come well within the stall limit is read to its end, though it takes longer in all', async () => {
    // The stall limit counts from the last chunk, not from the start of the read: one timer watches the whole read.
    const chunks = 12;
    const server = await rawServer((socket) => {
      socket.write(`HTTP/1.1 404 Not Found\r\ncontent-length: ${String(chunks)}\r\n\r\n`);
      let sent = 0;
      const drip = setInterval(() => {
        socket.write('x');
        sent += 1;
        if (sent === chunks) clearInterval(drip);
      }, 60);
      socket.on('close', () => {
        clearInterval(drip);
      });
    });
    const response = await fetch(`${server.url}/slow-but-steady`);
    const read = await readWebStreamWithin(response.body, 64 * 1024, undefined, {
      stallMilliseconds: 400,
      deadlineMilliseconds: 30_000,
    });
    expect(read).toMatchObject({ truncated: false, incomplete: false });
    expect(new TextDecoder().decode(read.bytes)).toBe('x'.repeat(chunks));
  });
});

describe('a 404 whose body a TCP reset cuts', () => {
  it('the read keeps the bytes that arrived and the error it broke off with, for core to weigh', async () => {
    const server = await rawServer((socket) => {
      socket.write('HTTP/1.1 404 Not Found\r\ncontent-length: 100\r\n\r\n{"code":"NoSu');
      setTimeout(() => socket.resetAndDestroy(), 50);
    });
    const response = await fetch(`${server.url}/reset`);
    const read = await readWebStreamWithin(response.body, 64 * 1024, undefined);
    expect(read.incomplete).toBe(true);
    expect(new TextDecoder().decode(read.bytes)).toBe('{"code":"NoSu');
    expect(inspect(read.readError, { depth: 5 })).toMatch(/ECONNRESET|UND_ERR_SOCKET|terminated/);
  });
});

describe('protocol tricks', () => {
  // Known limit, not fixed: undici (6 in Node 20/22, 7 in Node 24) destroys the connection on any 100 response
  // ('bad response', UND_ERR_SOCKET) before fetch resolves, so the 404 that follows never reaches the adapter.
  // `it.fails` keeps the goal stated: it turns red the day fetch delivers the 404, so the note can go.
  it.fails('an unsolicited 100 Continue before a 404 is the 404', async () => {
    const server = await rawServer((socket) => {
      socket.write('HTTP/1.1 100 Continue\r\n\r\n');
      answerJson('404 Not Found', NOT_FOUND_JSON)(socket);
    });
    const error = await rejection(createBceFetch({ style: 'go' })(`${server.url}/continue`));
    expect(isBceServiceError(error) && [error.statusCode, error.code]).toEqual([404, 'NoSuchKey']);
  });

  it('a URL with userinfo never puts the password in the error', async () => {
    const server = await rawServer(answerJson('200 OK', '{}'));
    const url = server.url.replace('http://', 'http://AKEXAMPLE:userinfo-password-42@');
    for (const style of STYLES) {
      const error = await rejection(createBceFetch({ style })(`${url}/u`));
      expect(isBceClientError(error)).toBe(true);
      expect(renderings(error)).not.toContain('userinfo-password-42');
    }
  });

  it('timeoutMs >= 2^31 is refused at set-up or waits as long as asked, never firing at once', async () => {
    const server = await rawServer((socket) => {
      setTimeout(() => {
        answerJson('200 OK', '{}')(socket);
      }, 50);
    });
    let bceFetch: typeof fetch;
    try {
      bceFetch = createBceFetch({ style: 'go', timeoutMs: 2 ** 31 });
    } catch (error) {
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/timeoutMs/);
      return;
    }
    expect((await bceFetch(`${server.url}/slow`)).status).toBe(200);
  });
});

describe('a shared long-lived AbortSignal', () => {
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;

  /**
   * The abort listeners left on one signal shared by 50 requests, once garbage is collected. undici links its own
   * listener to each request's signal until the request is collected, so only what survives a collection is a leak.
   */
  async function listenersLeft(run: (signal: AbortSignal) => Promise<unknown>): Promise<number> {
    const controller = new AbortController();
    for (let index = 0; index < 50; index += 1) await run(controller.signal);
    for (let round = 0; round < 3; round += 1) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return getEventListeners(controller.signal, 'abort').length;
  }

  for (const timeoutMs of [0, 5000]) {
    it(`timeoutMs ${String(timeoutMs)}: retried 503s and successes leave no more listeners than plain fetch`, async () => {
      const server = await rawServer(
        answerJson('503 Service Unavailable', '{"code":"ServiceUnavailable","message":"m"}'),
      );
      const okServer = await rawServer(answerJson('200 OK', '{}'));
      const bceFetch = createBceFetch({ style: 'go', timeoutMs, retry: { delayMs: () => 1 } });
      // Four attempts per request: plain fetch makes the same four.
      const plain = await listenersLeft(async (signal) => {
        for (let attempt = 0; attempt < 4; attempt += 1) await (await fetch(`${server.url}/busy`, { signal })).text();
      });
      expect(plain).toBe(0);
      let failures = 0;
      const adapter = await listenersLeft((signal) =>
        bceFetch(`${server.url}/busy`, { signal }).catch((error: unknown) => {
          if (isBceServiceError(error) && error.retries === 3) failures += 1;
        }),
      );
      expect([failures, adapter]).toEqual([50, 0]);
      // Successes whose bodies were read: the link that lets the caller abort a body goes with the body.
      const successes = await listenersLeft(async (signal) => (await bceFetch(okServer.url, { signal })).text());
      expect(successes).toBe(0);
    });
  }
});
