// How long any adapter waits on an error body, decided once here so that axios, got and fetch end a body that stops
// arriving at the same moment (contract P12: no error body read may hang for ever; P7: what arrived is read).

/**
 * How long an error body may send nothing before the read stops and keeps what arrived (a body cut short, P7).
 * An error body is small (64 KiB at most is kept) and a server sends it at once, with its headers: two seconds of
 * silence mean the rest is not coming. Counted from the last byte, so a body that keeps arriving is never cut by it.
 * Clients wait longer or for ever (undici 6 leaves a body whose `Content-Length` promises more pending for ever;
 * axios and got in Node wait as long as the socket stays open), and the caller's own timeout, when shorter, still
 * ends the attempt first.
 */
export const ERROR_BODY_STALL_MILLISECONDS = 2000;

/**
 * How long the whole read of an error body may take, from its headers: a body that trickles a byte just often
 * enough never to stall still ends. 64 KiB in this time is 6.5 KB/s, slower than any link a BCE client runs on.
 */
export const ERROR_BODY_DEADLINE_MILLISECONDS = 10_000;
