#!/usr/bin/env node
// A committed launcher, so that installing the workspace before a build links a file that exists; the CLI
// itself is built to dist/cli.js.
import '../dist/cli.js';
