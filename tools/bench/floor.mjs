// The floor: read every manifest of a folder, JSON.parse it and JSON.parse each module's createOptions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let modules = 0;
for (const name of readdirSync(process.argv[2])) {
  if (!name.endsWith('.json')) continue;
  const manifest = JSON.parse(readFileSync(join(process.argv[2], name), 'utf8'));
  const desired = manifest.modulesContent?.$edgeAgent?.['properties.desired'] ?? {};
  for (const group of [desired.systemModules, desired.modules]) {
    for (const module of Object.values(group ?? {})) {
      const options = module?.settings?.createOptions;
      if (typeof options === 'string' && options.trim() !== '') JSON.parse(options);
      modules++;
    }
  }
}
if (modules === 0) process.exit(3);
