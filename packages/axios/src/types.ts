import type { AdapterOptions } from '@bce-errors/core/adapter';

/** Options of {@link installBceErrors}: the options shared by every adapter. */
export type BceAxiosOptions = AdapterOptions;

/** Removes the interceptors that {@link installBceErrors} added. */
export type UninstallBceErrors = () => void;
