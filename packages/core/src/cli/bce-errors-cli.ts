#!/usr/bin/env node
// The `bce-errors` command (package.json "bin"). All logic lives in run-cli.ts, which the tests call directly.
import process from 'node:process';
import { runCli } from './run-cli.js';

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
