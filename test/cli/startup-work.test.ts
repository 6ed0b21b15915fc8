import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeTree, manifest, runCli } from './helpers.js';

// Work a run does not need is not done at start: the resolver checks configured rule options itself
// (ESLint's own Ajv is loaded only for a text that may hold an inline `eslint` comment, the one source
// of options the resolver never sees), and a JSON configuration is parsed natively (cosmiconfig's
// parse-json, with its code-frame printer, only reads what the native parser refuses).
const probe = (name: string, pattern: string): string => `const Module = require('node:module');
const resolve = Module._resolveFilename;
let seen = false;
Module._resolveFilename = function (request, ...rest) {
  const found = resolve.call(this, request, ...rest);
  if (${pattern}.test(found)) seen = true;
  return found;
};
process.on('exit', () => process.stderr.write('${name} loaded: ' + seen + '\\n'));
`;
const AJV_PROBE = probe('ajv', '/[\\\\/]ajv[\\\\/]/');
const PARSE_JSON_PROBE = probe('parse-json', '/[\\\\/]parse-json[\\\\/]/');

/** ESLint's 1-based line and column of the first occurrence of `snippet`. */
function positionOf(text: string, snippet: string): { line: number; column: number } {
  const at = text.indexOf(snippet);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

const TEMPLATE_WITH_INLINE = (comment: string) =>
  manifest({ cam: { image: 'contoso.azurecr.io/cam:1', createOptions: { HostConfig: { Binds: ['/data:/data'] } } } }).replace(/^\{\n/u, `{\n  ${comment}\n`);

describe('rule options are checked once, by the configuration resolver', () => {
  it('lints a manifest without inline configuration without loading ESLint\'s Ajv, and reports as before', () => {
    const text = manifest({ cam: { image: 'contoso.azurecr.io/cam:1', createOptions: { HostConfig: { Binds: ['/home/hcsshares/share1:/data'] } } } });
    const { line: LINE_OF_BIND, column: COLUMN_OF_BIND } = positionOf(text, '\\"/home/hcsshares/share1:/data');
    const tree = makeTree({ 'deployment.json': text, 'probe.cjs': AJV_PROBE });
    try {
      const run = runCli(['--no-progress', '-f', 'json', 'deployment.json'], { cwd: tree.root, env: { NODE_OPTIONS: `--require ${tree.path('probe.cjs')}` } });
      expect(run.status).toBe(1);
      const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
      expect(result!.messages.filter((message) => message.ruleId === 'ase-gpu/no-binds').map(({ line, column }) => [line, column])).toEqual([[LINE_OF_BIND, COLUMN_OF_BIND]]);
      expect(run.stderr).toContain('ajv loaded: false');
    } finally {
      tree.cleanup();
    }
  });

  it('still refuses an invalid option in .aseGpurc before linting', () => {
    const tree = makeTree({ 'deployment.json': manifest({}), '.aseGpurc.json': JSON.stringify({ extends: 'ase-gpu:recommended', rules: { 'ase-gpu/no-binds': ['error', { bogus: 1 }] } }) });
    try {
      const run = runCli(['--no-progress', 'deployment.json'], { cwd: tree.root });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/no-binds.*invalid option/u);
    } finally {
      tree.cleanup();
    }
  });

  it('reports an invalid inline rule option in a JSONC manifest at the comment, with ESLint\'s check', () => {
    const tree = makeTree({ 'deployment.jsonc': TEMPLATE_WITH_INLINE('/* eslint ase-gpu/no-binds: ["error", {"bogus": 1}] */'), 'probe.cjs': AJV_PROBE });
    try {
      const run = runCli(['--no-progress', '-f', 'json', 'deployment.jsonc'], { cwd: tree.root, env: { NODE_OPTIONS: `--require ${tree.path('probe.cjs')}` } });
      expect(run.status).toBe(1);
      const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
      const inline = result!.messages.find((message) => message.message.startsWith('Inline configuration'));
      expect(inline).toMatchObject({ ruleId: 'ase-gpu/no-binds', line: 2, column: 3 });
      expect(inline!.message).toContain('Unexpected property "bogus"');
      expect(run.stderr).toContain('ajv loaded: true');
    } finally {
      tree.cleanup();
    }
  });

  it('applies a valid inline option', () => {
    const tree = makeTree({ 'deployment.jsonc': TEMPLATE_WITH_INLINE('/* eslint ase-gpu/no-binds: "off" */') });
    try {
      writeFileSync(tree.path('.aseGpurc.json'), JSON.stringify({ extends: 'ase-gpu:strict' }));
      const run = runCli(['--no-progress', '-f', 'json', '--rule', 'ase-gpu/no-binds: error', 'deployment.jsonc'], { cwd: tree.root });
      const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[];
      expect(run.status).not.toBe(2);
      expect(result!.messages.map((message) => message.ruleId)).not.toContain('ase-gpu/no-binds');
    } finally {
      tree.cleanup();
    }
  });
});

describe('a JSON configuration is parsed natively', () => {
  it('reads a valid .aseGpurc.json without loading parse-json', () => {
    const tree = makeTree({ 'deployment.json': manifest({}), '.aseGpurc.json': JSON.stringify({ extends: 'ase-gpu:recommended', rules: { 'ase-gpu/no-binds': 'off' } }), 'probe.cjs': PARSE_JSON_PROBE });
    try {
      const run = runCli(['--no-progress', '--print-config', 'deployment.json'], { cwd: tree.root, env: { NODE_OPTIONS: `--require ${tree.path('probe.cjs')}` } });
      expect(run.status).toBe(0);
      expect((JSON.parse(run.stdout) as { rules: Record<string, { severity: unknown }> }).rules['ase-gpu/no-binds']).toMatchObject({ severity: 'off' });
      expect(run.stderr).toContain('parse-json loaded: false');
    } finally {
      tree.cleanup();
    }
  });

  it('hands JSON that does not parse to cosmiconfig\'s loader and says where, without the content', () => {
    const tree = makeTree({ 'deployment.json': manifest({}), '.aseGpurc.json': '{ "rules": { } ', 'probe.cjs': PARSE_JSON_PROBE });
    try {
      const run = runCli(['--no-progress', 'deployment.json'], { cwd: tree.root, env: { NODE_OPTIONS: `--require ${tree.path('probe.cjs')}` } });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('.aseGpurc.json: cannot be parsed as JSON at line 1, column 16; its content is not shown.');
      expect(run.stderr).toContain('parse-json loaded: true');
    } finally {
      tree.cleanup();
    }
  });
});
