import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createCancellableWaits } from './cancellable-wait.js';
import { noSuchRouteResponse } from './no-such-route.js';
import { requestPath, type RecordedRequest } from './recorded-request.js';
import { validateScriptedResponse, type ScriptedResponse } from './scripted-response.js';
import { readTestTlsCredentials } from './tls-credentials.js';
import { writeScriptedResponse } from './write-scripted-response.js';

/** How long an idle keep-alive connection stays open between two requests (ms). */
export const MOCK_SERVER_KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** Options of {@link startMockServer}. */
export interface StartMockServerOptions {
  /** Serve HTTPS with the committed self-signed test certificate (for TLS-failure tests). Default `false`. */
  tls?: boolean;
}

/** A running mock server on 127.0.0.1. */
export interface MockServer {
  /** The base URL, e.g. `http://127.0.0.1:41234` (`https://` with `tls: true`), without a trailing slash. */
  url: string;
  /** The port the system chose. */
  port: number;
  /**
   * Scripts the answers for one path (matched without the query string; any method). A list is served
   * in order, one element per request to that path, and its last element repeats. Routing a path again
   * replaces its script and restarts the sequence.
   *
   * @throws RangeError for a path that does not start with `/` or holds `?` or `#`, an empty list, or an
   *   invalid scripted response (see `validateScriptedResponse`).
   */
  route(path: string, responses: ScriptedResponse | readonly ScriptedResponse[]): void;
  /** The requests received so far (all paths, or one path), oldest first. Each call returns fresh copies. */
  requests(path?: string): readonly RecordedRequest[];
  /** The delays (ms, fractional) between consecutive recorded requests to `path`; one fewer than the requests. */
  gapsMs(path: string): number[];
  /** Forgets every route and every recorded request. Connections and answers in progress are left alone. */
  reset(): void;
  /** Stops listening, cancels every pending delay and hold, destroys every open socket; never hangs. Idempotent. */
  close(): Promise<void>;
}

interface RouteState {
  readonly responses: readonly ScriptedResponse[];
  served: number;
}

function checkRoutePath(path: string): void {
  if (!path.startsWith('/') || /[?#]/u.test(path)) {
    const got = JSON.stringify(path);
    throw new RangeError(`MockServer.route: the path must start with '/' and hold no '?' or '#', got ${got}`);
  }
}

/** A copy of a script, so the caller changing its object (or a raw answer's header lines) later changes nothing. */
function copyResponse(response: ScriptedResponse): ScriptedResponse {
  const { raw } = response;
  if (raw === undefined) return { ...response };
  const headerLines = raw.headerLines?.map(([name, value]) => [name, value] as const);
  return { ...response, raw: { ...raw, ...(headerLines === undefined ? {} : { headerLines }) } };
}

function isResponseList(
  responses: ScriptedResponse | readonly ScriptedResponse[],
): responses is readonly ScriptedResponse[] {
  return Array.isArray(responses);
}

/**
 * Starts a scriptable HTTP (or HTTPS) server on 127.0.0.1, on a port the system chooses.
 *
 * Every request is recorded when its head arrives and its body is read and counted. A routed path
 * answers with its script; any other path answers 404 with a BCE JSON body `{"code":"NoSuchRoute",...}`.
 * Always `close()` it (e.g. in `afterEach`/`afterAll`) so held sockets do not outlive the test.
 *
 * @param options - `tls: true` serves HTTPS with the self-signed certificate under `fixtures/`.
 */
export async function startMockServer(options: StartMockServerOptions = {}): Promise<MockServer> {
  const tls = options.tls === true;
  const routes = new Map<string, RouteState>();
  let recorded: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const waits = createCancellableWaits();

  const nextResponse = (method: string, path: string): ScriptedResponse => {
    const route = routes.get(path);
    if (route === undefined) return noSuchRouteResponse(method, path);
    const response = route.responses[Math.min(route.served, route.responses.length - 1)];
    route.served += 1;
    return response ?? noSuchRouteResponse(method, path);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = requestPath(req.url ?? '/');
    const receivedAt = performance.now();
    const record: RecordedRequest = { method, path, headers: { ...req.headers }, bodyBytes: 0, receivedAt };
    recorded.push(record);
    req.on('data', (chunk: Buffer) => {
      record.bodyBytes += chunk.byteLength;
    });
    // A client that goes away mid-answer must not surface as an unhandled 'error' event.
    req.on('error', () => undefined);
    res.on('error', () => undefined);

    const socket = req.socket;
    const gone = new AbortController();
    const onClose = (): void => {
      gone.abort();
    };
    socket.once('close', onClose);
    try {
      await writeScriptedResponse(req, res, nextResponse(method, path), waits, gone.signal);
    } catch {
      // Scripts are validated by route(), so this is a socket that died under us: make sure it is gone.
      socket.destroy();
    } finally {
      socket.off('close', onClose);
    }
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    void serve(req, res);
  };

  const server = tls ? createHttpsServer(readTestTlsCredentials(), onRequest) : createHttpServer(onRequest);
  server.keepAliveTimeout = MOCK_SERVER_KEEP_ALIVE_TIMEOUT_MS;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error: Error, socket: Socket) => {
    socket.destroy();
  });
  if (tls) {
    server.on('tlsClientError', (_error: Error, socket: Socket) => {
      socket.destroy();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    server.close();
    throw new Error('startMockServer: the server has no TCP address');
  }
  const port = address.port;

  let closing: Promise<void> | undefined;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${String(port)}`,
    port,
    route(path, responses) {
      checkRoutePath(path);
      const list = isResponseList(responses) ? [...responses] : [responses];
      if (list.length === 0) throw new RangeError(`MockServer.route: no responses given for ${path}`);
      for (const response of list) validateScriptedResponse(response);
      routes.set(path, { responses: list.map(copyResponse), served: 0 });
    },
    requests(path) {
      return recorded
        .filter((request) => path === undefined || request.path === path)
        .map((request) => ({ ...request, headers: { ...request.headers } }));
    },
    gapsMs(path) {
      const times = recorded.filter((request) => request.path === path).map((request) => request.receivedAt);
      return times.slice(1).map((time, index) => time - (times[index] ?? time));
    },
    reset() {
      routes.clear();
      recorded = [];
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        waits.cancelAll();
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
