// @ts-check
// Peak memory of a compressed error body that inflates to 1 GiB (contract P12 counts decoded bytes), through each
// built adapter and through the bare client, each in a fresh child process so one run's garbage cannot hide
// another's peak. `pnpm --filter @bce-errors/bench run bench:bomb` (after `pnpm build`). Figures only: a bare
// client legitimately holds what it inflates; the adapters' bound is checked by their own tests.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const MIB = 1024 * 1024;
const INFLATED_BYTES = 1024 * MIB;
const SELF = fileURLToPath(import.meta.url);

/**
 * `INFLATED_BYTES` of a JSON error body, compressed.
 * @param {'gzip' | 'br'} encoding
 * @returns {Promise<Buffer>}
 */
async function compressedBomb(encoding) {
  const encoder =
    encoding === 'gzip'
      ? zlib.createGzip({ level: 9 })
      : zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
  /** @type {Buffer[]} */
  const out = [];
  encoder.on('data', (/** @type {Buffer} */ chunk) => out.push(chunk));
  const ended = new Promise((resolve) => encoder.on('end', resolve));
  encoder.write('{"code":"InternalError","message":"');
  const filler = Buffer.alloc(MIB, 0x61);
  for (let written = 0; written < INFLATED_BYTES; written += filler.byteLength) {
    if (!encoder.write(filler)) await new Promise((resolve) => encoder.once('drain', resolve));
  }
  encoder.end('"}');
  await ended;
  return Buffer.concat(out);
}

/**
 * One request in this (child) process; prints the peak resident-set growth in MiB and what the client returned.
 * @param {string} client
 * @param {string} url
 */
async function measure(client, url) {
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  /** @type {string} */
  let outcome;
  try {
    if (client.startsWith('axios')) {
      const { default: axios } = await import('axios');
      const instance = axios.create({ responseType: 'arraybuffer', maxContentLength: -1 });
      if (client === 'axios+adapter') {
        const { installBceErrors } = await import('@bce-errors/axios');
        installBceErrors(instance, { style: 'java', retry: { maxRetries: 0 } });
      }
      outcome = await instance.get(url).then(
        () => 'resolved',
        (/** @type {any} */ error) =>
          `${error?.name} ${error?.code ?? ''} ${String(error?.message ?? '').length} chars`,
      );
    } else if (client.startsWith('got')) {
      const { default: got } = await import('got');
      const instance =
        client === 'got+adapter'
          ? got.extend((await import('@bce-errors/got')).bceErrors({ style: 'java', retry: { maxRetries: 0 } }))
          : got.extend({ retry: { limit: 0 } });
      outcome = await instance(url).then(
        () => 'resolved',
        (/** @type {any} */ error) =>
          `${error?.name} ${error?.code ?? ''} ${String(error?.message ?? '').length} chars`,
      );
    } else {
      const bceFetch =
        client === 'fetch+adapter'
          ? (await import('@bce-errors/fetch')).createBceFetch({ style: 'java', retry: { maxRetries: 0 } })
          : fetch;
      outcome = await bceFetch(url).then(
        async (response) => `${response.status} body ${(await response.arrayBuffer()).byteLength} bytes`,
        (/** @type {any} */ error) =>
          `${error?.name} ${error?.code ?? ''} ${String(error?.message ?? '').length} chars`,
      );
    }
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  process.stdout.write(`${JSON.stringify({ growthMiB: Math.round((peak - start) / MIB), outcome })}\n`);
}

async function main() {
  const [, , role, client, url] = process.argv;
  if (role === 'child' && client !== undefined && url !== undefined) return measure(client, url);
  const bombs = { gzip: await compressedBomb('gzip'), br: await compressedBomb('br') };
  const server = createServer((request, response) => {
    const encoding = request.url === '/br' ? 'br' : 'gzip';
    response.writeHead(500, {
      'content-type': 'application/json',
      'content-encoding': encoding,
      'content-length': String(bombs[encoding].byteLength),
    });
    response.end(bombs[encoding]);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  console.log(`node ${process.version}; 1 GiB inflated: gzip ${bombs.gzip.byteLength} B, br ${bombs.br.byteLength} B`);
  console.log('| client | encoding | peak RSS growth (MiB) | outcome |\n|---|---|---:|---|');
  for (const client of ['axios', 'axios+adapter', 'got', 'got+adapter', 'fetch', 'fetch+adapter']) {
    for (const encoding of /** @type {const} */ (['gzip', 'br'])) {
      const url = `http://127.0.0.1:${address.port}/${encoding}`;
      const child = spawn(process.execPath, [SELF, 'child', client, url], { stdio: ['ignore', 'pipe', 'inherit'] });
      let output = '';
      child.stdout.on('data', (/** @type {Buffer} */ chunk) => (output += chunk.toString()));
      const code = await new Promise((resolve) => child.on('close', resolve));
      const line = output.trim().split('\n').pop() ?? '';
      const result = line.startsWith('{') ? JSON.parse(line) : { growthMiB: '-', outcome: `exit ${code}` };
      console.log(`| ${client} | ${encoding} | ${result.growthMiB} | ${result.outcome} |`);
    }
  }
  server.close();
}

await main();
