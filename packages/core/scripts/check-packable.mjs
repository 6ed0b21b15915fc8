#!/usr/bin/env node
// prepack (npm pack, npm publish, pnpm pack, pnpm publish): refuses to pack a package that would not
// work once installed: not built, without README or LICENSE, or with a dependency that only a
// workspace can resolve (`npm pack` would publish `workspace:` as it is).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const required = ['README.md', 'LICENSE', 'bin/ase-gpu-lint.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'schema/aseGpurc.schema.json', 'rules-docs/no-binds.md'];
const problems = required.filter((file) => !existsSync(join(packageDir, file))).map((file) => `${file} is missing (run \`pnpm run build\` at the repository root).`);
for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
  for (const [name, range] of Object.entries(manifest[field] ?? {})) {
    if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is "${range}", which no registry resolves; write the version.`);
  }
}
if (problems.length > 0) {
  console.error(`${manifest.name}: not packable:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  process.exit(1);
}
