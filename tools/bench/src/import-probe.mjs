// @ts-check
// Run in a fresh node process: times one dynamic import of argv[2] (a file URL or a package name, resolved from
// tools/bench) and prints the milliseconds. Node's own start-up is not included.
const specifier = process.argv[2];
if (specifier === undefined) throw new Error('usage: node import-probe.mjs <file URL or package name>');
const start = performance.now();
await import(specifier);
process.stdout.write(`${String(performance.now() - start)}\n`);
