#!/usr/bin/env node
// The README's first command ends here: lint the bundled FPGA-era example manifests (each
// createOptions encoding) and the GPU-ready ones, and explain the exit code.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/core/bin/ase-gpu-lint.js');

console.log('$ ase-gpu-lint fixtures/examples fixtures/clean\n');
const run = spawnSync(process.execPath, [cli, 'fixtures/examples', 'fixtures/clean'], { cwd: root, stdio: 'inherit' });
if (run.status === 1) {
  console.log('\nExit code 1: the FPGA-era examples in fixtures/examples break on a GPU device, as expected;');
  console.log('fixtures/clean holds their GPU-ready counterparts. Try `ase-gpu-lint --fix-dry-run fixtures/examples`.');
  process.exit(0);
}
process.exit(run.status ?? 2);
