// Run in a fresh node process: times one dynamic import of argv[2] (a file URL or a package name, resolved from
// tools/bench) and prints the milliseconds. Node's own start-up is not included.
const specifier = process.argv[2];
const start = performance.now();
await import(specifier);
process.stdout.write(`${String(performance.now() - start)}\n`);
