#!/usr/bin/env node
import { run } from '../dist/cli/main.js';

const code = await run(process.argv.slice(2));
// Let pending output drain instead of process.exit(), which can cut a piped report short.
process.exitCode = code;
