/** Text decoded from UTF-8 bytes, and where the first invalid byte was replaced. */
export interface DecodedUtf8 {
  text: string;
  /** The index in `text` of the first U+FFFD that replaced an invalid byte, or -1 when the bytes were valid. */
  replacedAt: number;
}

const REPLACEMENT = 0xfffd;
const CHUNK = 8192;

// `ignoreBOM`: a leading byte order mark stays in the text, so the parser can tell a body that starts with one.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The length of the valid UTF-8 sequence at `index`, 0 when the byte there does not start one that fits. */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] ?? 0;
  if (lead < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    else if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    else if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let offset = 1; offset < length; offset += 1) {
    const byte = bytes[index + offset];
    if (byte === undefined || byte < low || byte > high) return 0;
    low = 0x80;
    high = 0xbf;
  }
  return length;
}

/** Whether the bytes from `index` to the end are the start of a valid sequence that the end cut short. */
function isCutSequence(bytes: Uint8Array, index: number): boolean {
  const lead = bytes[index] ?? 0;
  const needed =
    lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  const available = bytes.length - index;
  if (needed === 0 || available >= needed) return false;
  // Pad with the smallest continuation bytes the lead allows and see whether the sequence would be valid.
  const padded = new Uint8Array(needed);
  padded.set(bytes.subarray(index));
  for (let offset = available; offset < needed; offset += 1) {
    padded[offset] = offset === 1 && lead === 0xe0 ? 0xa0 : offset === 1 && lead === 0xf0 ? 0x90 : 0x80;
  }
  return sequenceLength(padded, 0) === needed;
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
    // Invalid bytes: decoded below, one byte at a time where they are invalid.
  }
  const parts: string[] = [];
  let units: number[] = [];
  let length = 0;
  let replacedAt = -1;
  const flush = (): void => {
    parts.push(String.fromCharCode(...units));
    length += units.length;
    units = [];
  };
  let index = 0;
  while (index < bytes.length) {
    const size = sequenceLength(bytes, index);
    if (size === 0) {
      if (dropCutTail && isCutSequence(bytes, index)) break;
      if (replacedAt === -1) replacedAt = length + units.length;
      units.push(REPLACEMENT);
      index += 1;
    } else {
      const lead = bytes[index] ?? 0;
      let point = size === 1 ? lead : lead & (0xff >> (size + 1));
      for (let offset = 1; offset < size; offset += 1) point = (point << 6) | ((bytes[index + offset] ?? 0) & 0x3f);
      if (point > 0xffff) {
        point -= 0x10000;
        units.push(0xd800 + (point >> 10), 0xdc00 + (point & 0x3ff));
      } else units.push(point);
      index += size;
    }
    if (units.length >= CHUNK) flush();
  }
  flush();
  return { text: parts.join(''), replacedAt };
}

/** The length of the sequence Jackson decodes at `index` (it checks only the lead and continuation bits), or 0. */
function jacksonSequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] ?? 0;
  const length =
    lead < 0x80 ? 1 : (lead & 0xe0) === 0xc0 ? 2 : (lead & 0xf0) === 0xe0 ? 3 : (lead & 0xf8) === 0xf0 ? 4 : 0;
  for (let offset = 1; offset < length; offset += 1) {
    const byte = bytes[index + offset];
    if (byte === undefined || (byte & 0xc0) !== 0x80) return 0;
  }
  return length;
}

/**
 * Decodes UTF-8 the way Jackson's parser reads it (java style, contract section 0): it accepts any lead byte with
 * the right continuation bytes, so an encoded surrogate (`ED A0 80`) or an overlong form decodes to its code unit.
 * Where Jackson would throw, one U+FFFD per byte, and `replacedAt` says where (java then reads as go does, D1).
 */
export function decodeUtf8LikeJackson(bytes: Uint8Array, dropCutTail: boolean): DecodedUtf8 {
  const parts: string[] = [];
  let units: number[] = [];
  let length = 0;
  let replacedAt = -1;
  let index = 0;
  while (index < bytes.length) {
    const size = jacksonSequenceLength(bytes, index);
    const lead = bytes[index] ?? 0;
    if (size === 0) {
      const needed = (lead & 0xe0) === 0xc0 ? 2 : (lead & 0xf0) === 0xe0 ? 3 : (lead & 0xf8) === 0xf0 ? 4 : 0;
      let cut = dropCutTail && needed > bytes.length - index;
      for (let offset = 1; cut && index + offset < bytes.length; offset += 1) {
        cut = ((bytes[index + offset] ?? 0) & 0xc0) === 0x80;
      }
      if (cut) break;
      if (replacedAt === -1) replacedAt = length + units.length;
      units.push(REPLACEMENT);
      index += 1;
    } else {
      let point = size === 1 ? lead : lead & (0xff >> (size + 1));
      for (let offset = 1; offset < size; offset += 1) point = (point << 6) | ((bytes[index + offset] ?? 0) & 0x3f);
      if (size === 4) {
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
