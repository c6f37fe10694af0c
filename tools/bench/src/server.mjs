// @ts-check
// The benchmark's HTTP server: node:http on 127.0.0.1, keep-alive, fixed responses. It runs in its own process so
// that its CPU time is not charged to the clients being measured (2 cores: one for the server, one for the client).
//
//   GET /ok       200, a small JSON document (a typical BCE success response)
//   GET /missing  404, a BCE error body {"code":"NoSuchKey",...} with x-bce-request-id
//   GET /__cpu    this process' CPU time (process.cpuUsage()) and uptime, to tell whether the server was busy
//   GET /recorded/ok, /recorded/missing   as /ok and /missing, and the request's x-bce-request-id header (or null)
//                 is recorded: clients' check() proves with it which variants send one and which do not
//   GET /__request-ids   the recorded headers since the last call (JSON array), then forgets them
//
// The recording routes come after the measured ones, so the rounds pay nothing for them.
//
// Started by bench.mjs with an IPC channel: it sends { port } once listening and exits when the parent disconnects.
import http from 'node:http';
import { ERROR_BODY, ERROR_REQUEST_ID, SUCCESS_BODY } from './fixtures.mjs';

const SUCCESS_HEADERS = [
  ['content-type', 'application/json; charset=utf-8'],
  ['content-length', String(SUCCESS_BODY.byteLength)],
  ['x-bce-request-id', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d'],
  ['server', 'BWS'],
].flat();
const ERROR_HEADERS = [
  ['content-type', 'application/json; charset=utf-8'],
  ['content-length', String(ERROR_BODY.byteLength)],
  ['x-bce-request-id', ERROR_REQUEST_ID],
  ['server', 'BWS'],
].flat();

/** @type {(string | null)[]} */
let recordedRequestIds = [];

const server = http.createServer((request, response) => {
  const path = request.url?.split('?', 1)[0];
  if (path === '/ok') {
    response.writeHead(200, 'OK', SUCCESS_HEADERS);
    response.end(SUCCESS_BODY);
  } else if (path === '/missing') {
    response.writeHead(404, 'Not Found', ERROR_HEADERS);
    response.end(ERROR_BODY);
  } else if (path === '/__cpu') {
    const cpu = process.cpuUsage();
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ cpuUs: cpu.user + cpu.system, uptimeMs: performance.now() }));
  } else if (path === '/recorded/ok' || path === '/recorded/missing') {
    const requestId = request.headers['x-bce-request-id'];
    recordedRequestIds.push(typeof requestId === 'string' ? requestId : null);
    if (path === '/recorded/ok') response.writeHead(200, 'OK', SUCCESS_HEADERS).end(SUCCESS_BODY);
    else response.writeHead(404, 'Not Found', ERROR_HEADERS).end(ERROR_BODY);
  } else if (path === '/__request-ids') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(recordedRequestIds));
    recordedRequestIds = [];
  } else {
    response.writeHead(500);
    response.end();
  }
});
// Idle keep-alive sockets stay open between rounds (a round of the other client can take a while).
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address !== null ? address.port : 0 });
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
  process.exit(0);
});
