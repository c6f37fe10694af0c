// How each style reads an error body (contract P2, P5-P8, P11, P12, and D1 where the style's SDK would crash).
// The body is decoded and its first JSON value found once; then go reads it as `encoding/json` decodes into the
// SDK's struct, java as Jackson maps it into `BceErrorResponse`, python as `json.loads` and `d['key']`.
import type { SdkStyle } from '../sdk-style.js';
import { decodeUtf8, decodeUtf8LikeJackson } from '../util/decode-utf8.js';
import { isJsonWhitespace, scanLeadingFields, skipWhitespace, type ObjectMember } from './scan-leading-fields.js';

/** Which body shapes the parser reads (contract P11). */
export type ErrorDialect = 'bce' | 'auto';

/** The fields a body gave; `undefined` is a field the body did not give (the caller applies the fallbacks). */
export interface BodyFields {
  code: string;
  message: string | undefined;
  requestId: string | undefined;
}

/** What an error body says: nothing, the BCE fields, or something that is not a JSON object (P5-P7). */
export type BodyReading = (
  { kind: 'empty' } | { kind: 'fields'; fields: BodyFields } | { kind: 'malformed'; snippet: string }
) & {
  /** Only the start of the body was read. */
  truncated: boolean;
};

const SNIPPET_CHARACTERS = 512;
// encoding/json's maxNestingDepth: a member value nesting this deep puts the body past it.
const GO_MAX_NESTING = 10_000;
const BOM = 0xfeff;

/** A member with, for a body a client already parsed, its value as the client gave it. */
interface Member extends ObjectMember {
  parsed?: unknown;
}

/** A JSON object's top-level members, as far as they were read. */
interface ObjectReading {
  members: Member[];
  /** The start of the string value the cut fell inside (P12). */
  partial: { key: string; value: string } | undefined;
  /** The whole object was read (false: only its start, P12). */
  whole: boolean;
  /** Non-whitespace text follows the first value (python fails on it: D1). */
  trailing: boolean;
  /** Invalid UTF-8 was replaced inside the part of the body the SDKs read (java and python fail on it: D1). */
  invalidUtf8: boolean;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- keys -----------------------------------------------------------------------------------------------------

type BceField = 'code' | 'message' | 'requestId' | 'statusCode';

/**
 * The field of Go's `BceServiceError` a body key fills: `encoding/json` matches a key to a field name ignoring ASCII
 * case, and takes the long s (U+017F) for an `s` (its `equalFoldRight`).
 */
function goField(key: string): BceField | undefined {
  // The exact names, as nearly every body spells them, need no folding.
  if (key === 'code' || key === 'message' || key === 'requestId' || key === 'statusCode') return key;
  if (key.length < 4 || key.length > 10) return undefined;
  let folded = '';
  for (let index = 0; index < key.length; index += 1) {
    const code = key.charCodeAt(index);
    folded +=
      code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : code === 0x17f ? 's' : key.charAt(index);
  }
  switch (folded) {
    case 'code':
      return 'code';
    case 'message':
      return 'message';
    case 'requestid':
      return 'requestId';
    case 'statuscode':
      return 'statusCode';
    default:
      return undefined;
  }
}

function exactField(key: string): BceField | undefined {
  return key === 'code' || key === 'message' || key === 'requestId' ? key : undefined;
}

function keyMatches(style: SdkStyle, key: string, name: string): boolean {
  return style === 'go' ? key.toLowerCase() === name.toLowerCase() : key === name;
}

// ---- values ---------------------------------------------------------------------------------------------------

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// `String.prototype.isWellFormed` (ES2024; there on every Node line and in the Chromium that CI runs) answers in one
// native pass what the regular expression's lookarounds cost (a profile charged 0.38 µs a parse); a runtime without
// it gets the replace alone, which gives the same text.
const isWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** Go decodes the escape of a lone surrogate (`\ud800`) to U+FFFD. */
function goString(value: string): string {
  if (isWellFormed?.call(value) === true) return value;
  return value.replace(LONE_SURROGATE, '\ufffd');
}

const INT64_MAX = 9223372036854775807n;

/** Whether a JSON number decodes into Go's `int` (64-bit): an integer literal in range. */
function isGoInt(text: string): boolean {
  if (!/^-?\d{1,19}$/.test(text)) return false;
  const value = BigInt(text);
  return value <= INT64_MAX && value >= -INT64_MAX - 1n;
}

/** A value as text where a string belongs: numbers and booleans as their JSON text (java; python by D8). */
function scalarText(member: Member): string | undefined {
  if (member.kind === 'string' || member.kind === 'number' || member.kind === 'boolean') return member.value;
  return undefined;
}

// ---- the three readers ----------------------------------------------------------------------------------------

interface Fields {
  code: string | undefined;
  message: string | undefined;
  requestId: string | undefined;
}

/**
 * Go: keys ignoring case in body order, a later match overwriting an earlier one, `null` changing nothing; a
 * `code`, `message` or `requestId` that is not a string, or a `statusCode` that is not an int, fails the whole
 * decode (P8). `undefined` for that failure.
 */
function readAsGo(object: ObjectReading): Fields | undefined {
  const fields: Fields = { code: undefined, message: undefined, requestId: undefined };
  for (const member of object.members) {
    const field = goField(member.key);
    if (field === undefined || member.kind === 'null') continue;
    if (field === 'statusCode') {
      // D2: read and checked, never used.
      if (member.kind !== 'number' || !isGoInt(member.value)) return undefined;
    } else if (member.kind === 'string') {
      fields[field] = goString(member.value);
    } else {
      return undefined;
    }
  }
  const partial = object.partial;
  if (partial !== undefined && goField(partial.key) === 'message') fields.message = goString(partial.value);
  return fields;
}

/** The exact-case members java and python read, last one winning; `'malformed'` for an object or array value. */
function exactMembers(object: ObjectReading): Partial<Record<BceField, Member>> | 'malformed' {
  const found: Partial<Record<BceField, Member>> = {};
  for (const member of object.members) {
    const field = exactField(member.key);
    if (field === undefined) continue;
    found[field] = member;
  }
  for (const member of Object.values(found)) {
    if (member.kind === 'object' || member.kind === 'array') return 'malformed';
  }
  return found;
}

/**
 * Java: exact keys, numbers and booleans as their JSON text. `'go'` where Jackson would throw (D1), `undefined` for
 * MalformedJSON. (Without a message java uses neither code nor request id: applied by the caller, after P11.)
 */
function readAsJava(object: ObjectReading): Fields | 'go' | undefined {
  // Jackson throws on invalid UTF-8 and on an object or array where a string belongs: D1.
  if (object.invalidUtf8) return 'go';
  for (const member of object.members) {
    if (exactField(member.key) !== undefined && (member.kind === 'object' || member.kind === 'array')) return 'go';
  }
  const found = exactMembers(object);
  if (found === 'malformed') return 'go';
  let message = found.message === undefined ? undefined : scalarText(found.message);
  if (message === undefined && object.partial?.key === 'message') message = object.partial.value;
  const code = found.code === undefined ? undefined : scalarText(found.code);
  const requestId = found.requestId === undefined ? undefined : scalarText(found.requestId);
  return { code, message, requestId };
}

/**
 * Python: exact keys, all three of `message`, `code`, `requestId` required (`d['key']`), numbers and booleans as
 * their JSON text (D8), objects and arrays MalformedJSON (D8). `'go'` where Python would raise (D1), `undefined`
 * for MalformedJSON.
 */
function readAsPython(object: ObjectReading): Fields | 'go' | undefined {
  if (object.invalidUtf8 || object.trailing) return 'go';
  const found = exactMembers(object);
  if (found === 'malformed') return undefined;
  const message = found.message === undefined ? undefined : scalarText(found.message);
  const code = found.code === undefined ? undefined : scalarText(found.code);
  const requestId = found.requestId === undefined ? undefined : scalarText(found.requestId);
  if (object.whole) {
    // A missing key is a KeyError, a null one counts as missing: D1.
    if (message === undefined || code === undefined || requestId === undefined) return 'go';
    return { code, message, requestId };
  }
  const partial = object.partial?.key === 'message' ? object.partial.value : undefined;
  return { code, message: message ?? partial, requestId };
}

// ---- dialect 'auto' (P11) ---------------------------------------------------------------------------------------

function lastMatch(style: SdkStyle, members: readonly Member[], name: string): Member | undefined {
  let match: Member | undefined;
  for (const member of members) if (keyMatches(style, member.key, name)) match = member;
  return match;
}

function nestedRecord(member: Member | undefined): Record<string, unknown> | undefined {
  if (member?.kind !== 'object') return undefined;
  try {
    const value = member.parsed === undefined ? (JSON.parse(member.value) as unknown) : member.parsed;
    return isPlainRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function recordText(style: SdkStyle, record: Record<string, unknown>, name: string): string | undefined {
  let text: string | undefined;
  for (const key of Object.keys(record)) {
    if (!keyMatches(style, key, name)) continue;
    const value = record[key];
    if (typeof value === 'string') text = value;
    else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  }
  return text;
}

/** Fills what the BCE shape left out from `{error: {code, message}}`, `{error_code, error_msg}` and `request_id`. */
function readIamShapes(style: SdkStyle, object: ObjectReading, fields: Fields): Fields {
  const filled = { ...fields };
  const nested = nestedRecord(lastMatch(style, object.members, 'error'));
  if (nested !== undefined) {
    filled.code ??= recordText(style, nested, 'code');
    filled.message ??= recordText(style, nested, 'message');
  }
  const text = (name: string): string | undefined => {
    const member = lastMatch(style, object.members, name);
    return member === undefined ? undefined : scalarText(member);
  };
  filled.code ??= text('error_code');
  filled.message ??= text('error_msg');
  filled.requestId ??= text('request_id');
  if (filled.message === undefined && object.partial !== undefined) {
    if (keyMatches(style, object.partial.key, 'error_msg')) filled.message = object.partial.value;
  }
  return filled;
}

// ---- putting it together --------------------------------------------------------------------------------------

/** The fields of an object body in the style; `'go'` where the style's SDK would crash (D1), `undefined` MalformedJSON. */
function readObject(
  object: ObjectReading,
  style: SdkStyle,
  dialect: ErrorDialect,
): { kind: 'fields'; fields: BodyFields } | 'go' | undefined {
  const styled = style === 'go' ? readAsGo(object) : style === 'java' ? readAsJava(object) : readAsPython(object);
  if (styled === 'go' || styled === undefined) return styled;
  const fields = dialect === 'auto' ? readIamShapes(style, object, styled) : styled;
  // P4: without a non-null message Java uses neither the body's code nor its request id. A cut body may hold its
  // message past the cut: there the fields read whole are kept (P12).
  if (style === 'java' && fields.message === undefined && object.whole) {
    return { kind: 'fields', fields: { code: '', message: undefined, requestId: undefined } };
  }
  return { kind: 'fields', fields: { code: fields.code ?? '', message: fields.message, requestId: fields.requestId } };
}

function membersOfRecord(record: Record<string, unknown>): Member[] {
  return Object.keys(record).map((key): Member => {
    const value = record[key];
    if (typeof value === 'string') return { key, kind: 'string', value };
    if (typeof value === 'number' || typeof value === 'boolean') {
      return { key, kind: typeof value === 'number' ? 'number' : 'boolean', value: String(value) };
    }
    if (value === null || value === undefined) return { key, kind: 'null', value: 'null' };
    return { key, kind: Array.isArray(value) ? 'array' : 'object', value: '', parsed: value };
  });
}

/** Whether `text` from `start` on is only JSON whitespace. */
function isBlank(text: string, start: number): boolean {
  for (let index = start; index < text.length; index += 1) {
    if (!isJsonWhitespace(text.charCodeAt(index))) return false;
  }
  return true;
}

/** Whether the first JSON value at `start` (already a complete slice) parses; deep nesting cannot throw out. */
function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads decoded body text (P7): the first JSON value after whitespace (and, for java, a BOM). `'go'` where the
 * style's SDK would crash on it (D1): the caller then reads the body as go does.
 */
function readText(
  text: string,
  replacedAt: number,
  truncated: boolean,
  style: SdkStyle,
  dialect: ErrorDialect,
): BodyReading | 'go' {
  let start = 0;
  if (text.charCodeAt(0) === BOM) {
    // Jackson skips a leading byte order mark; Go's decoder and Python's json.loads fail on it.
    if (style !== 'java') return malformedText(text, truncated);
    start = 1;
  }
  start = skipWhitespace(text, start);
  // P6: a `null` body counts as `{}` (Go; D1 for java and python, whose SDKs crash on it).
  if (text.startsWith('null', start)) {
    if (style !== 'go') return 'go';
    return { kind: 'fields', fields: { code: '', message: undefined, requestId: undefined }, truncated };
  }
  const scan = scanLeadingFields(text, start);
  if (scan === undefined) return malformedText(text, truncated);
  // Go's decoder fails past 10,000 levels, the object itself the first (python's json.loads recurses out far
  // sooner: D1 reads it as go); what Java does depends on its Jackson's limits, so java reads on.
  if (style !== 'java' && (scan.nesting ?? 0) >= GO_MAX_NESTING) return malformedText(text, truncated);
  const whole = scan.end !== -1;
  // A whole object is valid JSON when the scan checked every member; else JSON.parse decides, as the SDKs' decoders.
  if (whole ? scan.unchecked !== false && !isValidJson(text.slice(start, scan.end)) : !truncated) {
    return malformedText(text, truncated);
  }
  const readTo = whole ? scan.end : text.length;
  const object: ObjectReading = {
    members: scan.members,
    partial: scan.partial,
    whole,
    trailing: whole && !isBlank(text, scan.end),
    invalidUtf8: replacedAt !== -1 && (style === 'python' || replacedAt < readTo),
  };
  const reading = readObject(object, style, dialect);
  if (reading === 'go') return 'go';
  return reading === undefined ? malformedText(text, truncated) : { kind: 'fields', fields: reading.fields, truncated };
}

function malformedText(text: string, truncated: boolean): BodyReading {
  return { kind: 'malformed', snippet: text.slice(0, SNIPPET_CHARACTERS), truncated };
}

/** `readText` in the style, and as go where the style's SDK would crash (D1). */
function readTextAsStyle(
  text: string,
  replacedAt: number,
  truncated: boolean,
  style: SdkStyle,
  dialect: ErrorDialect,
  goText: () => { text: string; replacedAt: number } = () => ({ text, replacedAt }),
): BodyReading {
  const reading = readText(text, replacedAt, truncated, style, dialect);
  if (reading !== 'go') return reading;
  const asGo = goText();
  const goReading = readText(asGo.text, asGo.replacedAt, truncated, 'go', dialect);
  return goReading === 'go' ? { kind: 'malformed', snippet: '', truncated } : goReading;
}

/**
 * Reads an error body the way the style's SDK does (contract P5-P8, P11, P12, D1). `body` is bytes, text, or what
 * a client already parsed (axios' `data`); at most `maxBytes` of it are read.
 */
export function readErrorBody(
  body: unknown,
  maxBytes: number,
  truncatedByAdapter: boolean,
  style: SdkStyle,
  dialect: ErrorDialect,
): BodyReading {
  if (body === null || body === undefined) return { kind: 'empty', truncated: false };
  let truncated = truncatedByAdapter;
  if (typeof body === 'string') {
    if (body === '') return { kind: 'empty', truncated };
    truncated ||= body.length > maxBytes;
    return readTextAsStyle(body.slice(0, maxBytes), -1, truncated, style, dialect);
  }
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
    // Checked on the bytes, not the text: a body that is only a byte order mark is not empty.
    if (bytes.byteLength === 0) return { kind: 'empty', truncated };
    truncated ||= bytes.byteLength > maxBytes;
    const kept = bytes.subarray(0, maxBytes);
    const decoded = decodeUtf8(kept, truncated);
    if (style === 'java' && decoded.replacedAt !== -1) {
      // Jackson reads some invalid sequences (an encoded surrogate) without failing: java keeps what it reads.
      const jackson = decodeUtf8LikeJackson(kept, truncated);
      return readTextAsStyle(jackson.text, jackson.replacedAt, truncated, style, dialect, () => decoded);
    }
    return readTextAsStyle(decoded.text, decoded.replacedAt, truncated, style, dialect);
  }
  if (isPlainRecord(body)) {
    // A client that already parsed JSON (axios' default `responseType`).
    const object: ObjectReading = {
      members: membersOfRecord(body),
      partial: undefined,
      whole: true,
      trailing: false,
      invalidUtf8: false,
    };
    const reading = readObject(object, style, dialect);
    const fields = reading === 'go' ? readObject(object, 'go', dialect) : reading;
    return { ...(fields === undefined || fields === 'go' ? { kind: 'malformed', snippet: '' } : fields), truncated };
  }
  return { kind: 'malformed', snippet: '', truncated };
}
