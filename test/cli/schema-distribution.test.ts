import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

const requireFromCore = createRequire(join(REPO_ROOT, 'packages/core/package.json'));
type Validate = ((data: unknown) => boolean) & { errors?: unknown[] };
const Ajv = requireFromCore('ajv') as new (options: object) => { addSchema(schema: object): unknown; compile(schema: object): Validate };

const schemaDir = join(REPO_ROOT, 'packages/core/schema');
const schema = JSON.parse(readFileSync(join(schemaDir, 'aseGpurc.schema.json'), 'utf8')) as Record<string, unknown>;
const packageJsonSchema = JSON.parse(readFileSync(join(schemaDir, 'package-json.schema.json'), 'utf8')) as { properties: { aseGpu: { $ref: string } } };
const coreManifest = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/core/package.json'), 'utf8')) as { exports: Record<string, unknown>; files: string[] };

describe('the .aseGpurc schema as shipped', () => {
  it('has what a SchemaStore entry needs: draft-07, an $id where the file is served, a title and a description', () => {
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema['$id']).toBe('https://raw.githubusercontent.com/ase-gpu-lint/ase-gpu-lint/main/packages/core/schema/aseGpurc.schema.json');
    expect(schema['title']).toBe('ase-gpu-lint configuration (.aseGpurc)');
    expect(String(schema['description'])).toMatch(/^Policy for linting Azure IoT Edge deployment manifests/u);
    expect(schema['additionalProperties']).toBe(false);
  });

  it('is exported by the package under its file name', () => {
    expect(coreManifest.exports['./schema/aseGpurc.schema.json']).toBe('./schema/aseGpurc.schema.json');
    expect(coreManifest.files).toContain('schema');
  });

  it("checks the aseGpu key of package.json with the same schema, and leaves package.json's own keys alone", () => {
    expect(packageJsonSchema.properties.aseGpu.$ref).toBe('./aseGpurc.schema.json');
    // Served from one folder, as the editor reads them from node_modules.
    const base = 'file:///project/node_modules/ase-gpu-lint/schema/';
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema({ ...schema, $id: `${base}aseGpurc.schema.json` });
    const validate = ajv.compile({ ...packageJsonSchema, $id: `${base}package-json.schema.json` });
    expect(validate({ name: 'edge-solution', private: true, aseGpu: { extends: ['ase-gpu:strict'], settings: { gpuCount: 2 } } })).toBe(true);
    expect(validate({ name: 'edge-solution', scripts: { lint: 'ase-gpu-lint' } })).toBe(true);
    expect(validate({ name: 'edge-solution', aseGpu: { rulez: {} } })).toBe(false);
    expect(validate({ name: 'edge-solution', aseGpu: { settings: { gpucount: 2 } } })).toBe(false);
  });

  it('docs/cli.md maps a schema to every JSON and YAML configuration file name ase-gpu-lint reads, and says the code ones get none', async () => {
    const { CONFIG_FILE_NAMES } = (await import(join(REPO_ROOT, 'packages/core/src/config/config-files.ts'))) as { CONFIG_FILE_NAMES: readonly string[] };
    const docs = readFileSync(join(REPO_ROOT, 'docs/cli.md'), 'utf8');
    const settings = /```json\n(\{\n {2}"files\.associations"[\s\S]*?)```/u.exec(docs);
    expect(settings).not.toBeNull();
    const mapped = JSON.parse(settings![1]!) as { 'json.schemas': { fileMatch: string[]; url: string }[]; 'yaml.schemas': Record<string, string[]> };
    const jsonMatched = mapped['json.schemas'].flatMap((entry) => entry.fileMatch);
    const yamlMatched = Object.values(mapped['yaml.schemas']).flat();
    for (const name of CONFIG_FILE_NAMES) {
      if (/\.[cm]?js$/u.test(name)) expect(docs, name).toContain(`\`${name.replace(/\.[cm]?js$/u, '.js')}\``);
      else if (/\.ya?ml$/u.test(name)) expect(yamlMatched, name).toContain(name);
      else expect(jsonMatched, name).toContain(name);
    }
    for (const url of [...mapped['json.schemas'].map((entry) => entry.url), ...Object.keys(mapped['yaml.schemas'])]) {
      expect(url).toMatch(/^\.\/node_modules\/ase-gpu-lint\/schema\/[\w-]+\.schema\.json$/u);
      expect(readFileSync(join(schemaDir, url.split('/').pop()!), 'utf8').length).toBeGreaterThan(0);
    }
  });
});
