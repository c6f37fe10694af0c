import { format as formatText, inspect } from 'node:util';
import { fromJSON } from '@bce-errors/core';
import { pino, stdSerializers } from 'pino';
import { serializeError } from 'serialize-error';
import winston from 'winston';
import TransportStream from 'winston-transport';
import { walkProperties } from './property-walk.js';
import { describeThrown, safeStringify } from './safe-stringify.js';
import type { RenderedText } from './scan.js';

/** One way an application, a logger or a person at a console turns an error into text. */
interface Rendering {
  readonly name: string;
  readonly render: (error: unknown) => Promise<RenderedText[]>;
}

const INSPECT_EVERYTHING = { showHidden: true, depth: Infinity } as const;

/** `read()` with anything it throws turned into text (a throw's message is a rendering too). */
function attempt(where: string, read: () => string): RenderedText {
  try {
    return { where, text: read() };
  } catch (error) {
    return { where: `${where} (threw)`, text: describeThrown(error) };
  }
}

function readField(error: unknown, field: 'message' | 'stack'): string {
  return String((error as Record<string, unknown> | null | undefined)?.[field]);
}

/** The errors below `error`: its `cause` chain and any `AggregateError` `errors`, breadth first, each once. */
function causeChain(error: unknown, limit = 64): (readonly [unknown, string])[] {
  const found: (readonly [unknown, string])[] = [];
  const seen = new Set<unknown>([error]);
  const queue: (readonly [unknown, string])[] = [[error, 'error']];
  for (const [current, path] of queue) {
    if (found.length >= limit) break;
    if (typeof current !== 'object' || current === null) continue;
    const next: (readonly [unknown, string])[] = [];
    try {
      next.push([(current as { cause?: unknown }).cause, `${path}.cause`]);
      const errors: unknown = (current as { errors?: unknown }).errors;
      if (Array.isArray(errors))
        next.push(...errors.map((member, at) => [member, `${path}.errors[${String(at)}]`] as const));
    } catch {
      continue;
    }
    for (const entry of next) {
      if (entry[0] === undefined || entry[0] === null || seen.has(entry[0])) continue;
      seen.add(entry[0]);
      found.push(entry);
      queue.push(entry);
    }
  }
  return found;
}

async function renderWithPino(error: unknown): Promise<RenderedText[]> {
  const lines: string[] = [];
  // pino writes synchronously to a destination that is a plain object with `write`.
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  logger.error(error);
  logger.error({ err: error }, 'request failed');
  return Promise.resolve(lines.map((text, index) => ({ where: `pino line ${String(index + 1)}`, text })));
}

/** A winston transport that keeps each formatted line and says when the first one arrived. */
class MemoryTransport extends TransportStream {
  readonly lines: string[] = [];
  readonly #arrived: Promise<void>;
  #signalArrival: () => void = () => undefined;

  constructor() {
    super();
    this.#arrived = new Promise<void>((resolve) => {
      this.#signalArrival = resolve;
    });
  }

  override log(info: Record<string | symbol, unknown>, next: () => void): void {
    this.lines.push(String(info[Symbol.for('message')]));
    this.#signalArrival();
    next();
  }

  /** Resolves once a line arrived, or after `boundMs` (a logger that swallowed the entry never hangs the audit). */
  async arrival(boundMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.#arrived,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, boundMs);
      }),
    ]);
    clearTimeout(timer);
  }
}

async function renderWithWinston(error: unknown): Promise<RenderedText[]> {
  const transport = new MemoryTransport();
  const logger = winston.createLogger({
    level: 'info',
    format: winston.format.combine(winston.format.errors({ stack: true }), winston.format.json()),
    // winston's typings import winston-transport through their own `export =` module, a second declaration of the
    // same class: the rule takes this real instance of it for a foreign object.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    transports: [transport],
  });
  logger.error(error as Error);
  await transport.arrival(2_000);
  logger.close();
  return transport.lines.map((text, index) => ({ where: `winston line ${String(index + 1)}`, text }));
}

/** Everything a `fromJSON` of the JSON gives back, rendered. */
function renderRoundTrip(error: unknown): RenderedText[] {
  let revived: unknown;
  try {
    revived = fromJSON(safeStringify(error));
  } catch (thrown) {
    return [{ where: 'fromJSON (threw)', text: describeThrown(thrown) }];
  }
  return [
    attempt('fromJSON(...).message', () => readField(revived, 'message')),
    attempt('fromJSON(...).stack', () => readField(revived, 'stack')),
    attempt('JSON.stringify(fromJSON(...))', () => safeStringify(revived)),
    attempt('inspect(fromJSON(...))', () => inspect(revived, INSPECT_EVERYTHING)),
  ];
}

/** The 14 renderings, each checked on its own so a leak names the rendering that shows it. */
export const RENDERINGS: readonly Rendering[] = [
  { name: 'message', render: (error) => Promise.resolve([attempt('message', () => readField(error, 'message'))]) },
  { name: 'stack', render: (error) => Promise.resolve([attempt('stack', () => readField(error, 'stack'))]) },
  { name: 'String(error)', render: (error) => Promise.resolve([attempt('String(error)', () => String(error))]) },
  {
    name: 'JSON.stringify',
    render: (error) => Promise.resolve([attempt('JSON.stringify', () => safeStringify(error))]),
  },
  {
    name: 'util.inspect showHidden depth Infinity',
    render: (error) => Promise.resolve([attempt('util.inspect', () => inspect(error, INSPECT_EVERYTHING))]),
  },
  {
    name: 'structuredClone then inspect',
    render: (error) =>
      Promise.resolve([
        attempt('inspect(structuredClone(error))', () => inspect(structuredClone(error), INSPECT_EVERYTHING)),
      ]),
  },
  { name: 'fromJSON round trip', render: (error) => Promise.resolve(renderRoundTrip(error)) },
  {
    name: 'pino stdSerializers.err',
    render: (error) =>
      Promise.resolve([attempt('pino.stdSerializers.err', () => safeStringify(stdSerializers.err(error as Error)))]),
  },
  { name: 'pino logger', render: renderWithPino },
  { name: 'winston errors+json', render: renderWithWinston },
  {
    name: 'serialize-error',
    render: (error) => Promise.resolve([attempt('serializeError', () => safeStringify(serializeError(error)))]),
  },
  { name: 'property walk', render: (error) => Promise.resolve(walkProperties(error).texts) },
  {
    name: 'cause chain, each error rendered',
    render: (error) =>
      Promise.resolve(
        causeChain(error).flatMap(([member, path]) => [
          attempt(`${path}.message`, () => readField(member, 'message')),
          attempt(`${path}.stack`, () => readField(member, 'stack')),
          attempt(`String(${path})`, () => String(member)),
          attempt(`JSON.stringify(${path})`, () => safeStringify(member)),
          attempt(`inspect(${path})`, () => inspect(member, INSPECT_EVERYTHING)),
        ]),
      ),
  },
  {
    name: "util.format('%o') (console.log)",
    render: (error) => Promise.resolve([attempt("util.format('%o')", () => formatText('%o', error))]),
  },
];
