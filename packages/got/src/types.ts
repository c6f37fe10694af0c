import type { AdapterOptions } from '@bce-errors/core';

/** Options of {@link bceErrors}: the options shared by every adapter. */
export type BceGotOptions = AdapterOptions;
