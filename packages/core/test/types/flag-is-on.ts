// The one error the fixture project must report (TS2375), and only with `exactOptionalPropertyTypes: true`: proof
// that test/types/tsconfig.json turns the flag on, so exact-optional.ts is checked with it. Valid without the flag.
const plainOptional: { maxRetries?: number } = { maxRetries: undefined };

export { plainOptional };
