/** The official Baidu AI Cloud SDK whose error behaviour an entry point mirrors. */
export type SdkStyle = 'go' | 'java' | 'python';

/** Every supported style, in documentation order. */
export const SDK_STYLES: readonly SdkStyle[] = ['go', 'java', 'python'];

/** The style used when none is given: Go is the reference SDK of the contract. */
export const DEFAULT_SDK_STYLE: SdkStyle = 'go';
