import { describe, expect } from 'vitest';
import { escapeAzureData, escapeAzureProperty } from '../../packages/core/src/format/azure-pipelines.js';
import { manifest, onlyRules, runCli, slowIt, treesCleanedAfterEach } from './helpers.js';

const it = slowIt();
const tree = treesCleanedAfterEach();

const RULES = { 'ase-gpu/valid-create-options': 'error', 'ase-gpu/require-recreate-strategy': 'warn' };
/** A module name with `%` in it: the message carries it. */
const AWKWARD = manifest({
  'cam%1': { createOptions: { HostConfig: { Memory: '1g' } } },
  scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } },
});
const FILE = 'sites/a;b]%.deployment.json';

interface JsonMessage {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  createOptionsPath?: string;
  module?: string;
}

describe('-f azure-pipelines', () => {
  it('writes a logissue line per problem with Azure DevOps escaping, then fails the step when there are errors', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), [FILE]: AWKWARD });
    const json = JSON.parse(runCli([FILE, '-f', 'json'], { cwd: t.root }).stdout) as { messages: JsonMessage[] }[];
    const messages = json[0]!.messages;
    expect(messages.map((message) => message.ruleId)).toEqual(['ase-gpu/valid-create-options', 'ase-gpu/require-recreate-strategy']);
    const run = runCli([FILE, '-f', 'azure-pipelines'], { cwd: t.root });
    expect(run.status).toBe(1);
    const [error, warning] = messages as [JsonMessage, JsonMessage];
    expect(error.message).toContain('"cam%1"');
    const percent = (text: string) => text.replaceAll('%', '%AZP25');
    expect(run.stdout.split('\n')).toEqual([
      `##vso[task.logissue type=error;sourcepath=sites/a%3Bb%5D%AZP25.deployment.json;linenumber=${error.line};columnnumber=${error.column};code=ase-gpu/valid-create-options]${percent(error.message)} (cam%AZP251 › createOptions › HostConfig.Memory)`,
      `##vso[task.logissue type=warning;sourcepath=sites/a%3Bb%5D%AZP25.deployment.json;linenumber=${warning.line};columnnumber=${warning.column};code=ase-gpu/require-recreate-strategy]${percent(warning.message)} (scorer › createOptions › k8s-experimental.resources.limits["nvidia.com/gpu"])`,
      'ase-gpu-lint: 1 error(s) and 1 warning(s).',
      '##vso[task.complete result=Failed;]ase-gpu-lint found 1 error(s).',
      '',
    ]);
  });

  it('escapes as azure-pipelines-task-lib does: % first, then line breaks, and ] ; in properties', () => {
    expect(escapeAzureData('50% done\r\nnext]; line')).toBe('50%AZP25 done%0D%0Anext]; line');
    expect(escapeAzureProperty('a;b]c%d\ne')).toBe('a%3Bb%5Dc%AZP25d%0Ae');
    expect(escapeAzureProperty('%0A')).toBe('%AZP250A');
  });

  it('prints nothing for a clean run, and no failure for warnings only', () => {
    const t = tree({ '.aseGpurc': onlyRules({ 'ase-gpu/require-recreate-strategy': 'warn' }), 'deployment.json': manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } } }) });
    const run = runCli(['-f', 'azure-pipelines'], { cwd: t.root });
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('task.complete');
    expect(run.stdout.split('\n').slice(-2)).toEqual(['ase-gpu-lint: 0 error(s) and 1 warning(s).', '']);
    expect(runCli(['-f', 'azure-pipelines', '--rule', 'require-recreate-strategy: off'], { cwd: t.root })).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('-f <ESLint formatter module>', () => {
  const FORMATTERS = {
    // ESM, async, reading rulesMeta and cwd from ESLint's context.
    'tools/summary.mjs': `export default async function (results, context) {
  await new Promise((resolve) => setTimeout(resolve, 1));
  const lines = results.flatMap((result) => result.messages.map((m) => \`\${result.filePath.slice(context.cwd.length + 1)}:\${m.line}:\${m.column} \${m.ruleId} [\${context.rulesMeta[m.ruleId]?.type}]\`));
  return lines.join('\\n') + '\\n';
}
`,
    // CommonJS, as most eslint-formatter-* packages are.
    'tools/count.cjs': "module.exports = (results) => `${results.reduce((sum, r) => sum + r.errorCount, 0)} errors\\n`;\n",
    'node_modules/eslint-formatter-tally/package.json': JSON.stringify({ name: 'eslint-formatter-tally', version: '1.0.0', main: 'index.js' }),
    'node_modules/eslint-formatter-tally/index.js': "module.exports = (results) => `tally ${results.length}\\n`;\n",
    'tools/broken.mjs': 'export const notAFormatter = 1;\n',
  };

  it('loads an ESLint formatter from a file (ESM or CommonJS, sync or async) or an eslint-formatter-* package', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'deployment.json': AWKWARD, ...FORMATTERS });
    const summary = runCli(['-f', './tools/summary.mjs'], { cwd: t.root });
    const json = JSON.parse(runCli(['-f', 'json'], { cwd: t.root }).stdout) as { messages: JsonMessage[] }[];
    expect(summary).toEqual({
      status: 1,
      stdout: json[0]!.messages.map((m) => `deployment.json:${m.line}:${m.column} ${m.ruleId} [problem]`).join('\n') + '\n',
      stderr: '',
    });
    expect(runCli(['-f', 'tools/count.cjs'], { cwd: t.root })).toEqual({ status: 1, stdout: '1 errors\n', stderr: '' });
    expect(runCli(['--format', 'tally'], { cwd: t.root })).toEqual({ status: 1, stdout: 'tally 1\n', stderr: '' });
  });

  it('says in one line what is wrong with a format it cannot use', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'deployment.json': AWKWARD, ...FORMATTERS });
    expect(runCli(['-f', 'jsn'], { cwd: t.root })).toEqual({
      status: 2,
      stdout: '',
      stderr: 'ase-gpu-lint: --format: "jsn" is not a built-in format (stylish, json, sarif, github, junit, azure-pipelines) (did you mean "json"?) nor an installed formatter package (eslint-formatter-jsn).\n',
    });
    expect(runCli(['-f', './tools/missing.js'], { cwd: t.root })).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: --format: cannot load the formatter ./tools/missing.js: the file does not exist.\n' });
    expect(runCli(['-f', './tools/broken.mjs'], { cwd: t.root })).toEqual({
      status: 2,
      stdout: '',
      stderr: "ase-gpu-lint: --format: ./tools/broken.mjs does not export a formatter function (ESLint's convention: the default export is (results, context) => string).\n",
    });
  });
});
