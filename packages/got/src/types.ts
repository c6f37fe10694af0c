import type { AdapterOptions } from '@bce-errors/core/adapter';

/** Options of {@link bceErrors}: the options shared by every adapter. */
export type BceGotOptions = AdapterOptions;
