import { redactSchemeToken } from './auth-scheme.js';
import { redactBceSignature } from './bce-signature.js';
import { redactDigestParameters } from './digest-parameters.js';
import { redactLabelledValue } from './labelled-value.js';
import { RedactionOutput } from './redaction-output.js';
import { redactUrlUserinfo } from './url-userinfo.js';

// Every credential shape starts at one of these words: the BCE signature's or a Qianfan API key's prefix, a word of
// a credential label (`authorization`, `cookie`, `x-bce-security-token`, `sessionToken`, `secret_access_key`,
// `X-Amz-Signature`, `sig`, `X-Amz-Credential`, `sk`) or an authorization scheme; or at the `://` (JSON-escaped:
// `:\/\/`) of a URL with userinfo.
// Both patterns are literals (and `sk` a whole name: one character looked at on each side, so prose and paths full of
// `task` and `disk` are not parsed hit by hit, which made them ~13x slower), so finding the next hit never backtracks
// (two patterns, because V8 skips through text much faster with each alone than with one that mixes a word and a
// punctuation start); a text without any hit is returned after these scans.
// Each hit is then parsed by hand, forward from the hit (and at most 64 characters back, to the start of a name), and
// the scans resume after what the parse consumed: every character is read a bounded number of times, so redaction
// is linear in the text's length.
const WORD_TRIGGER =
  /bce-auth-v1|bce-v3|authorization|cookie|token|secret|sig|(?<![a-z0-9])sk(?![a-z0-9])|credential|bearer|basic|digest/gi;
const URL_TRIGGER = /:\\*\/\\*\//g;

/** The next hit of `pattern` at or after `from`, as [start, end], or undefined. */
function nextHit(pattern: RegExp, text: string, from: number): [number, number] | undefined {
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match === null ? undefined : [match.index, match.index + match[0].length];
}

/** Parses the credential whose trigger word is at `[at, end)`; returns where the scan resumes. */
function redactAtWord(text: string, at: number, end: number, output: RedactionOutput, scanStart: number): number {
  switch (text.charCodeAt(at) | 0x20) {
    case 0x62:
      // b: bce-auth-v1, bce-v3, bearer or basic
      return (text.charCodeAt(at + 1) | 0x20) === 0x63
        ? redactBceSignature(text, end, output, end - at === 'bce-v3'.length)
        : redactSchemeToken(text, at, end, output);
    case 0x64:
      return redactDigestParameters(text, at, end, output);
    default:
      return redactLabelledValue(text, at, end, output, scanStart);
  }
}

/**
 * Removes credentials from free text such as a message, a stack, a header dump or a URL: BCE signatures
 * (`bce-auth-v1/...` with or without a label, signed headers included) and Qianfan API keys (`bce-v3/...`), the
 * values of credential labels (`Authorization`, `Proxy-Authorization`, `x-bce-security-token` and its other
 * spellings, `Cookie`, `Set-Cookie`, session, access and id tokens, secret keys, `client_secret`) as header lines
 * (also folded onto the next line), JSON (also escaped), inspect, Python (also bytes), query or environment pairs,
 * HTML table cells and XML elements, `name` attributes and keys (`<Header name="cookie">`,
 * `{"name":..., "value":...}`), HTML-escaped JSON and numeric entities (`&#58;`), percent-encoded pairs and names
 * (`x%2Dbce%2Dsecurity%2Dtoken%3D`), and after blanks only (a table column) when the value looks like a credential;
 * a bare `token`, `sig`, `sign`, `sk`, `...Signature` and `...Credential` (other clouds' presigned URLs) when it
 * looks like one; `Bearer`/`Basic` tokens, Digest responses and URL userinfo (also with a `/` in the password). Each
 * becomes `[REDACTED]`; redacting twice equals redacting once. Takes time linear in the text's length.
 */
export function redactText(text: string): string {
  let word = nextHit(WORD_TRIGGER, text, 0);
  let url = nextHit(URL_TRIGGER, text, 0);
  if (word === undefined && url === undefined) return text;
  const output = new RedactionOutput(text);
  let resume = 0;
  while (word !== undefined || url !== undefined) {
    if (word !== undefined && (url === undefined || word[0] < url[0])) {
      const [at, end] = word;
      resume = Math.max(redactAtWord(text, at, end, output, resume), end);
    } else if (url !== undefined) {
      const [at, end] = url;
      resume = Math.max(redactUrlUserinfo(text, at, end, output), end);
    } else {
      break;
    }
    // Each pattern searches again only when its hit was consumed: a hit past `resume` is still the next one.
    if (word !== undefined && word[0] < resume) word = nextHit(WORD_TRIGGER, text, resume);
    if (url !== undefined && url[0] < resume) url = nextHit(URL_TRIGGER, text, resume);
  }
  return output.finish();
}
