/** What replaces a credential wherever one is found. */
export const REDACTED = '[REDACTED]';
