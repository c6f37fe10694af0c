// Shared by the adapters' P12 tests (contract P12 counts decoded bytes): a tiny compressed error body that
// inflates to hundreds of MiB, and the memory a request holds while it runs.
import zlib from 'node:zlib';

const MIB = 1024 * 1024;

/** `inflatedBytes` of a JSON error body, compressed: a few hundred bytes (br) or about 1/1000 of it (gzip). */
export async function compressedErrorBody(encoding: 'gzip' | 'br', inflatedBytes: number): Promise<Buffer> {
  const encoder =
    encoding === 'gzip'
      ? zlib.createGzip({ level: 9 })
      : zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
  const out: Buffer[] = [];
  encoder.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => encoder.on('end', resolve));
  const head = Buffer.from('{"code":"InternalError","message":"');
  encoder.write(head);
  const filler = Buffer.alloc(MIB, 0x61);
  for (let written = head.byteLength; written < inflatedBytes; written += filler.byteLength) {
    if (!encoder.write(filler)) await new Promise((resolve) => encoder.once('drain', resolve));
  }
  encoder.end('"}');
  await ended;
  return Buffer.concat(out);
}

/** Memory that holding a body costs: Buffers (outside the heap) and strings (on it), unlike RSS given back. */
function bodyMemory(): number {
  const usage = process.memoryUsage();
  return usage.arrayBuffers + usage.heapUsed;
}

/** The most that memory grew above its value at the start while `run` ran, sampled every few milliseconds. */
export async function peakGrowthDuring(run: () => Promise<unknown>): Promise<{ growth: number; result: unknown }> {
  const start = bodyMemory();
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, bodyMemory());
  }, 2);
  try {
    const result = await run();
    peak = Math.max(peak, bodyMemory());
    return { growth: peak - start, result };
  } finally {
    clearInterval(sampler);
  }
}
