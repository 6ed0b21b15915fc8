import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildManifest } from '../packages/eslint-plugin-ase-gpu/tests/helpers/manifest-builder.js';

const root = join(import.meta.dirname, '..');
const script = join(root, 'tools/corpus.mjs');
const builtPlugin = join(root, 'packages/eslint-plugin-ase-gpu/dist/index.js');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A plugin module: the built plugin plus rules whose fixes break manifests in known ways. */
function brokenPluginSource(): string {
  return `import real from ${JSON.stringify(pathToFileURL(builtPlugin).href)};
const meta = (extra) => ({ type: 'problem', fixable: 'code', languages: ['ase-gpu/manifest'], schema: [], messages: { m: 'Broken on purpose.' }, ...extra });
const rules = {
  ...real.rules,
  'drop-last-brace': { meta: meta(), create(context) {
    return { Program(node) {
      const text = context.sourceCode.text;
      const at = text.lastIndexOf('}');
      if (at > 0 && text.includes('"drop-brace"')) context.report({ node, messageId: 'm', fix: (fixer) => fixer.removeRange([at, at + 1]) });
    } };
  } },
  'never-converges': { meta: meta(), create(context) {
    return { Program(node) {
      if (context.sourceCode.text.includes('"grow"')) context.report({ node, messageId: 'm', fix: (fixer) => fixer.insertTextAfterRange([0, 0], ' ') });
    } };
  } },
  'throws': { meta: meta({ fixable: undefined }), create(context) {
    return { Program() { if (context.sourceCode.text.includes('"boom"')) throw new Error('exploded on purpose'); } };
  } },
};
const all = { ...real.configs.all, plugins: { 'ase-gpu': null }, rules: Object.fromEntries(Object.keys(rules).map((name) => ['ase-gpu/' + name, 'error'])) };
const plugin = { ...real, rules, configs: { ...real.configs, all } };
all.plugins['ase-gpu'] = plugin;
export default plugin;
`;
}

describe('tools/corpus.mjs', () => {
  let folder: string;
  let pluginFile: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'corpus-'));
    const clean = buildManifest({ modules: { camera: { createOptions: { HostConfig: { Privileged: false } } } } }, 'string');
    writeFileSync(join(folder, 'clean.deployment.json'), clean.code);
    writeFileSync(join(folder, 'bom.deployment.json'), `\uFEFF${clean.code}`);
    // Comments: a parse error in a deployment manifest, accepted in a template.
    writeFileSync(join(folder, 'commented.deployment.json'), clean.code.replace('{', '{ // generated\n'));
    writeFileSync(join(folder, 'commented.template.json'), clean.code.replace('{', '{ // generated\n'));
    writeFileSync(join(folder, 'notes.txt'), 'not linted');
    pluginFile = join(folder, 'broken-plugin.mjs');
    writeFileSync(pluginFile, brokenPluginSource());
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('passes on valid manifests and tolerates parse errors only where JSON.parse fails', () => {
    const jsonFile = join(folder, 'counts.out');
    const result = run([folder, '--json', jsonFile]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('corpus: 4 files');
    expect(result.stdout).toContain('linted 3 (3 recognised as manifests), 1 with a fatal parse error');
    expect(result.stdout).toMatch(/^rule\s+files\s+findings/mu);
    const counts = JSON.parse(readFileSync(jsonFile, 'utf8'));
    expect(counts).toMatchObject({ files: 4, linted: 3, fatalFiles: 1, failures: [] });
    expect(Object.keys(counts.rules)).toContain('valid-create-options');
  });

  it('fails on a crash, a fix that breaks JSON and a fix that never converges, naming the file', () => {
    const bad = buildManifest({ modules: { camera: { createOptions: { HostConfig: {} } } } }, 'string').code;
    const broken = mkdtempSync(join(tmpdir(), 'corpus-broken-'));
    try {
      writeFileSync(join(broken, 'brace.json'), bad.replace('"camera"', '"drop-brace"'));
      writeFileSync(join(broken, 'grow.json'), bad.replace('"camera"', '"grow"'));
      writeFileSync(join(broken, 'boom.json'), bad.replace('"camera"', '"boom"'));
      const result = run([broken, '--plugin', pluginFile, '--quiet']);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/\[crash\] boom\.json: .*exploded on purpose/u);
      expect(result.stderr).toMatch(/\[fix-breaks-json\] brace\.json: all --fix: the output is no longer strict JSON/u);
      expect(result.stderr).toMatch(/\[no-fixed-point\] grow\.json: .*never-converges/u);
      expect(result.stderr).toMatch(/\[second-fix-changes\] grow\.json/u);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('fails on a file it cannot find', () => {
    const result = run([join(folder, 'missing')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no such folder');
  });
});
