import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigResolver, type FileConfig } from '../../src/config/resolve.js';
import { lintText } from '../../src/lint/engine.js';
import { processFile } from '../../src/lint/process-file.js';
import { problemOutcome } from '../../src/lint/problem-outcome.js';
import { ignoredWarning } from '../../src/lint/ignored-warning.js';
import { unifiedDiff } from '../../src/lint/diff.js';
import { splitBom, withBom } from '../../src/lint/text.js';
import { countMessages, makeResult, type LintMessage } from '../../src/lint/types.js';
import { describeLocation } from '../../src/lint/locate.js';
import { deployment } from '../helpers/deployment.js';

/** A manifest whose module asks for a GPU without the Recreate strategy (one fixable error). */
function manifest(strategy: boolean, eol = '\n'): string {
  const createOptions = JSON.stringify({ 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } }, ...(strategy ? { strategy: { type: 'Recreate' } } : {}) } });
  const document = deployment(
    { scorer: { version: '1.0', type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'contoso.azurecr.io/scorer:1.0', createOptions } } },
    {
      systemModules: { edgeAgent: { type: 'docker', settings: { image: 'mcr.microsoft.com/azureiotedge-agent:1.1', createOptions: '{}' } }, edgeHub: { type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'mcr.microsoft.com/azureiotedge-hub:1.1', createOptions: '{}' } } },
      edgeHub: { storeAndForwardConfiguration: { timeToLiveSecs: 7200 } },
    },
  );
  return `${JSON.stringify(document, null, 2)}\n`.replace(/\n/gu, eol);
}

let root: string;
let config: FileConfig;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ase-gpu-engine-'));
  writeFileSync(join(root, '.aseGpurc.json'), JSON.stringify({ root: true, extends: [], rules: { 'ase-gpu/require-recreate-strategy': 'error' } }));
  const resolver = new ConfigResolver({ cwd: root });
  config = resolver.effective(await resolver.forFolder(root), join(root, 'd.json'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('lintText', () => {
  it('reports with the module and createOptions path, and fixes with the BOM and line endings kept', () => {
    const path = join(root, 'd.json');
    const linted = lintText(manifest(false), path, config, root);
    expect(linted.output).toBeUndefined();
    expect(linted.result.messages).toHaveLength(1);
    expect(linted.result.messages[0]).toEqual(expect.objectContaining({ ruleId: 'ase-gpu/require-recreate-strategy', severity: 2, module: 'scorer', createOptionsPath: 'k8s-experimental.resources.limits["nvidia.com/gpu"]' }));
    expect([linted.result.errorCount, linted.result.fixableErrorCount]).toEqual([1, 1]);
    const source = `\uFEFF${manifest(false, '\r\n')}`;
    const fixed = lintText(source, path, config, root, { fix: true });
    expect(fixed.output).toBe(`\uFEFF${manifest(true, '\r\n')}`);
    expect(fixed.result.messages).toEqual([]);
    expect(fixed.result.output).toBe(fixed.output);
    expect(lintText(manifest(true), path, config, root, { fix: true }).output).toBeUndefined();
  });

  it('--fix-type: only fixes of the listed rule types', () => {
    const path = join(root, 'd.json');
    expect(lintText(manifest(false), path, config, root, { fix: true, fixTypes: ['layout'] }).output).toBeUndefined();
    expect(lintText(manifest(false), path, config, root, { fix: true, fixTypes: ['problem'] }).output).toBe(manifest(true));
    expect(lintText(manifest(false), path, config, root, { fix: true, fixTypes: [] }).output).toBe(manifest(true));
  });

  it('a text that does not parse is one fatal message', () => {
    const linted = lintText('{"modulesContent": ', join(root, 'd.json'), config, root, { fix: true });
    expect(linted.output).toBeUndefined();
    expect(linted.result.messages).toEqual([expect.objectContaining({ fatal: true, severity: 2, ruleId: null })]);
  });
});

describe('processFile', () => {
  it('reads the file when no text is given; a file that cannot be linted is one fatal finding', () => {
    const path = join(root, 'p.json');
    writeFileSync(path, manifest(false));
    const outcome = processFile(path, undefined, config, { cwd: root, fix: true });
    expect(outcome.output).toBe(manifest(true));
    expect(outcome.source).toBe(manifest(false));
    expect(processFile(path, manifest(true), config, { cwd: root }).source).toBeUndefined();
    const missing = processFile(join(root, 'missing.json'), undefined, config, { cwd: root });
    expect(missing.result.messages).toEqual([{ ruleId: null, severity: 2, fatal: true, message: 'Cannot read missing.json (ENOENT).', line: 0, column: 0 }]);
    const big = processFile(path, undefined, config, { cwd: root, maxFileSize: 10 });
    expect(big.result.messages[0]!.message).toMatch(/^p\.json is [\d.]+ KiB, over the limit of 10 bytes \(--max-file-size\): it was not linted\./u);
    writeFileSync(path, Buffer.from([0x7b, 0xff, 0x7d]));
    expect(processFile(path, undefined, config, { cwd: root }).result.messages[0]).toEqual(expect.objectContaining({ line: 1, column: 2, message: expect.stringMatching(/^Byte 0xFF is not valid UTF-8/u) }));
  });

  it('problemOutcome and ignoredWarning are one message each', () => {
    expect(problemOutcome('/w/a.json', { message: 'M.', line: 2, column: 3 })).toEqual({ result: makeResult('/w/a.json', [{ ruleId: null, severity: 2, fatal: true, message: 'M.', line: 2, column: 3 }]), output: undefined, source: undefined, usage: {} });
    expect(problemOutcome('/w/a.json', { message: 'M.', line: 2, column: 3 }).result.fatalErrorCount).toBe(1);
    expect(ignoredWarning('/w/a.json', '.aseGpurc').messages).toEqual([{ ruleId: null, severity: 1, message: 'File ignored because of a matching pattern in "ignores" of .aseGpurc. Remove it from "ignores" to lint it.', line: 0, column: 0 }]);
    expect(ignoredWarning('/w/a.json', undefined).messages[0]!.message).toBe('File ignored because of a matching pattern in "ignores". Remove it from "ignores" to lint it.');
  });
});

describe('small helpers', () => {
  it('splitBom and withBom', () => {
    expect(splitBom('\uFEFFx')).toEqual({ bom: true, body: 'x' });
    expect(splitBom('x\uFEFF')).toEqual({ bom: false, body: 'x\uFEFF' });
    expect(withBom(true, 'x')).toBe('\uFEFFx');
    expect(withBom(false, 'x')).toBe('x');
  });

  it('countMessages counts errors, fatal errors, warnings and fixable ones', () => {
    const fix = { range: [0, 1], text: '' };
    const messages = [
      { severity: 2, fix },
      { severity: 2, fatal: true },
      { severity: 1, fix },
      { severity: 1 },
      { severity: 0, fix },
    ] as unknown as LintMessage[];
    expect(countMessages({ messages })).toEqual({ errorCount: 2, fatalErrorCount: 1, warningCount: 2, fixableErrorCount: 1, fixableWarningCount: 1 });
    expect(makeResult('/a', [], { output: 'x' })).toEqual({ filePath: '/a', messages: [], suppressedMessages: [], errorCount: 0, fatalErrorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [], output: 'x' });
  });

  it('describeLocation', () => {
    expect(describeLocation({} as LintMessage)).toBeUndefined();
    expect(describeLocation({ module: 'm' } as LintMessage)).toBe('m');
    expect(describeLocation({ module: 'm', createOptionsPath: '' } as LintMessage)).toBe('m › createOptions');
    expect(describeLocation({ module: 'm', createOptionsPath: 'A.B' } as LintMessage)).toBe('m › createOptions › A.B');
  });

  it('unifiedDiff is git-style', () => {
    expect(unifiedDiff('a.json', 'x\ny\n', 'x\nz\n')).toBe('--- a/a.json\n+++ b/a.json\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n');
  });
});
