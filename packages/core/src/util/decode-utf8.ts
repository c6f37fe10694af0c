/** Text decoded from UTF-8 bytes, and where the first invalid byte was replaced. */
interface DecodedUtf8 {
  text: string;
  /** The index in `text` of the first U+FFFD that replaced an invalid byte, or -1 when the bytes were valid. */
  replacedAt: number;
}

const CHUNK = 8192;

// `ignoreBOM`: a leading byte order mark stays in the text, so the parser can tell a body that starts with one.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The length of the sequence at `index`: 0 when its bytes are invalid, -1 when they are valid so far but the end of
 * the bytes cuts it. Standard UTF-8 (Go), or with `jackson` what Jackson accepts: any lead byte with the right
 * continuation bytes (an encoded surrogate, an overlong form).
 */
function sequenceLength(bytes: Uint8Array, index: number, jackson: boolean): number {
  const lead = bytes[index] ?? 0;
  if (lead < 0x80) return 1;
  const length = jackson
    ? (lead & 0xe0) === 0xc0
      ? 2
      : (lead & 0xf0) === 0xe0
        ? 3
        : (lead & 0xf8) === 0xf0
          ? 4
          : 0
    : lead >= 0xc2 && lead <= 0xdf
      ? 2
      : lead >= 0xe0 && lead <= 0xef
        ? 3
        : lead >= 0xf0 && lead <= 0xf4
          ? 4
          : 0;
  for (let offset = 1; offset < length; offset += 1) {
    const byte = bytes[index + offset];
    if (byte === undefined) return -1;
    // The second byte of E0, ED, F0 and F4 has a narrower range (no overlong forms, surrogates or > U+10FFFF).
    const low = !jackson && offset === 1 && (lead === 0xe0 || lead === 0xf0) ? (lead === 0xe0 ? 0xa0 : 0x90) : 0x80;
    const high = !jackson && offset === 1 && (lead === 0xed || lead === 0xf4) ? (lead === 0xed ? 0x9f : 0x8f) : 0xbf;
    if (byte < low || byte > high) return 0;
  }
  return length;
}

function decodeBytes(bytes: Uint8Array, dropCutTail: boolean, jackson: boolean): DecodedUtf8 {
  const parts: string[] = [];
  let units: number[] = [];
  let length = 0;
  let replacedAt = -1;
  let index = 0;
  while (index < bytes.length) {
    const size = sequenceLength(bytes, index, jackson);
    if (size === -1 && dropCutTail) break;
    if (size <= 0) {
      if (replacedAt === -1) replacedAt = length + units.length;
      units.push(0xfffd);
      index += 1;
    } else {
      const lead = bytes[index] ?? 0;
      let point = size === 1 ? lead : lead & (0xff >> (size + 1));
      for (let offset = 1; offset < size; offset += 1) point = (point << 6) | ((bytes[index + offset] ?? 0) & 0x3f);
      if (size === 4) {
        // As Jackson writes it; the same pair as UTF-16 for every valid code point.
        point -= 0x10000;
        units.push((0xd800 | (point >> 10)) & 0xffff, (0xdc00 | (point & 0x3ff)) & 0xffff);
      } else units.push(point);
      index += size;
    }
    if (units.length >= CHUNK) {
      parts.push(String.fromCharCode(...units));
      length += units.length;
      units = [];
    }
  }
  parts.push(String.fromCharCode(...units));
  return { text: parts.join(''), replacedAt };
}

/**
 * Decodes UTF-8 the way Go does (contract P7): every byte that does not start a valid sequence becomes one U+FFFD.
 * With `dropCutTail`, a sequence cut short by the end of the bytes (a body cut at `maxErrorBodyBytes`) is dropped
 * instead. Linear in the input; valid input takes the platform decoder's fast path.
 */
export function decodeUtf8(bytes: Uint8Array, dropCutTail: boolean): DecodedUtf8 {
  try {
    // A fresh decoder when streaming: `stream: true` buffers a cut character, which a shared one would keep.
    const text = dropCutTail
      ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true })
      : strictDecoder.decode(bytes);
    return { text, replacedAt: -1 };
  } catch {
    return decodeBytes(bytes, dropCutTail, false);
  }
}

/**
 * Decodes UTF-8 the way Jackson's parser reads it (java style, contract section 0): an encoded surrogate
 * (`ED A0 80`) or an overlong form decodes to its code unit. Where Jackson would throw, one U+FFFD per byte, and
 * `replacedAt` says where (java then reads the body as go does, D1).
 */
export function decodeUtf8LikeJackson(bytes: Uint8Array, dropCutTail: boolean): DecodedUtf8 {
  return decodeBytes(bytes, dropCutTail, true);
}
