#!/usr/bin/env node
// prepack of each package (npm pack, npm publish, pnpm pack, pnpm publish), run in the package's folder
// with the files an installation needs as arguments: refuses to pack a package that would not work once
// installed: not built, without README or LICENSE, or with a dependency that only a workspace can
// resolve (`npm pack` would publish `workspace:` as it is).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const packageDir = process.cwd();
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const required = process.argv.slice(2);
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
