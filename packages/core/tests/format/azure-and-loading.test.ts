import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/config/errors.js';
import { escapeAzureData, escapeAzureProperty, formatAzurePipelines } from '../../src/format/azure-pipelines.js';
import type { FormatContext } from '../../src/format/context.js';
import { FORMAT_NAMES, isBuiltinFormat, loadFormatter } from '../../src/format/registry.js';
import { formatStylish } from '../../src/format/stylish.js';
import { makeResult, type LintMessage } from '../../src/lint/types.js';

const context: FormatContext = { cwd: '/w', color: false, toolVersion: '1.2.3', rule: () => undefined };
const message = (extra: Partial<LintMessage>): LintMessage => ({ ruleId: 'ase-gpu/r', severity: 2, message: 'Problem.', line: 1, column: 2, ...extra }) as LintMessage;

describe('azure-pipelines', () => {
  it('writes a logissue per problem, escaped, with the location, then the counts and the failed step', () => {
    const results = [
      makeResult('/w/sites/a;b]%.json', [
        message({ line: 12, column: 3, message: '50% of "cam%1".\r\nNext.', module: 'cam%1', createOptionsPath: 'HostConfig.Memory' }),
        message({ severity: 1, ruleId: 'ase-gpu/x;y]', line: 4, column: 5 }),
        message({ ruleId: null, severity: 1, line: 0, column: 0, message: 'File ignored.' }),
      ]),
      makeResult('/elsewhere/b.json', [message({ severity: 1, fatal: true, message: 'Fatal.' })]),
    ];
    expect(formatAzurePipelines(results, context).split('\n')).toEqual([
      '##vso[task.logissue type=error;sourcepath=sites/a%3Bb%5D%AZP25.json;linenumber=12;columnnumber=3;code=ase-gpu/r]50%AZP25 of "cam%AZP251".%0D%0ANext. (cam%AZP251 › createOptions › HostConfig.Memory)',
      '##vso[task.logissue type=warning;sourcepath=sites/a%3Bb%5D%AZP25.json;linenumber=4;columnnumber=5;code=ase-gpu/x%3By%5D]Problem.',
      '##vso[task.logissue type=warning;sourcepath=sites/a%3Bb%5D%AZP25.json]File ignored.',
      '##vso[task.logissue type=error;sourcepath=/elsewhere/b.json;linenumber=1;columnnumber=2;code=ase-gpu/r]Fatal.',
      'ase-gpu-lint: 2 error(s) and 2 warning(s).',
      '##vso[task.complete result=Failed;]ase-gpu-lint found 2 error(s).',
      '',
    ]);
  });

  it('prints the counts but no failure for warnings only, and nothing for a clean run', () => {
    expect(formatAzurePipelines([makeResult('/w/a.json', [message({ severity: 1 })])], context)).toBe(
      '##vso[task.logissue type=warning;sourcepath=a.json;linenumber=1;columnnumber=2;code=ase-gpu/r]Problem.\nase-gpu-lint: 0 error(s) and 1 warning(s).\n',
    );
    expect(formatAzurePipelines([makeResult('/w/a.json', [])], context)).toBe('');
    expect(formatAzurePipelines([], context)).toBe('');
  });

  it('escapes as azure-pipelines-task-lib does: % first, then line breaks, and ] ; in properties', () => {
    expect(escapeAzureData('50% done\r\nnext]; line\n%')).toBe('50%AZP25 done%0D%0Anext]; line%0A%AZP25');
    expect(escapeAzureProperty('a;b]c%d\ne;]')).toBe('a%3Bb%5Dc%AZP25d%0Ae%3B%5D');
    expect(escapeAzureProperty('%0A')).toBe('%AZP250A');
  });
});

describe('loadFormatter', () => {
  let root: string;
  const results = [makeResult('/w/a.json', [message({})])];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ase-gpu-formatters-'));
    writeFileSync(join(root, 'count.mjs'), 'export default (results, context) => `${results.length} ${context.cwd} ${Object.keys(context.rulesMeta).join(",")}`;\n');
    writeFileSync(join(root, 'async.mjs'), 'export default async (results) => `async ${results[0].filePath}`;\n');
    writeFileSync(join(root, 'nothing.mjs'), 'export default () => undefined;\n');
    writeFileSync(join(root, 'null.mjs'), 'export default () => null;\n');
    writeFileSync(join(root, 'null-export.mjs'), 'export default null;\n');
    writeFileSync(join(root, '.hidden.mjs'), 'export default () => "hidden";\n');
    writeFileSync(join(root, 'number.mjs'), 'export default () => 42;\n');
    writeFileSync(join(root, 'nested.cjs'), 'module.exports = { default: () => "nested" };\n');
    writeFileSync(join(root, 'throws.mjs'), 'export default () => { throw new Error("formatter broke"); };\n');
    writeFileSync(join(root, 'object.mjs'), 'export default { format: true };\n');
    writeFileSync(join(root, 'broken.mjs'), 'throw new Error("first line of the reason\\nsecond line");\n');
    mkdirSync(join(root, 'node_modules/eslint-formatter-tiny'), { recursive: true });
    writeFileSync(join(root, 'node_modules/eslint-formatter-tiny/package.json'), JSON.stringify({ name: 'eslint-formatter-tiny', main: 'index.js' }));
    writeFileSync(join(root, 'node_modules/eslint-formatter-tiny/index.js'), 'module.exports = () => "tiny";\n');
    for (const [folder, text] of [['@contoso/eslint-formatter-ci', 'scoped ci'], ['@contoso/eslint-formatter', 'scoped default'], ['@contoso/plain', 'scoped plain']] as const) {
      mkdirSync(join(root, 'node_modules', folder), { recursive: true });
      writeFileSync(join(root, 'node_modules', folder, 'package.json'), JSON.stringify({ name: folder, main: 'index.js' }));
      writeFileSync(join(root, 'node_modules', folder, 'index.js'), `module.exports = () => ${JSON.stringify(text)};\n`);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const fail = async (name: string): Promise<string> => {
    const error = await loadFormatter(name, root).then(
      async (format) => format(results, { ...context, cwd: root }, {}).then(() => undefined, (thrown: unknown) => thrown),
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  };

  it('gives the built-in formats by name', async () => {
    expect(FORMAT_NAMES).toEqual(['stylish', 'json', 'sarif', 'github', 'junit', 'azure-pipelines']);
    expect(isBuiltinFormat('stylish')).toBe(true);
    expect(isBuiltinFormat('./stylish')).toBe(false);
    expect(await (await loadFormatter('stylish', root))(results, context, {})).toBe(formatStylish(results, context));
  });

  it("runs an ESLint formatter module with ESLint's context, sync or async, from a path or a package", async () => {
    expect(await (await loadFormatter('./count.mjs', root))(results, { ...context, cwd: root }, { 'ase-gpu/r': {} })).toBe(`1 ${root} ase-gpu/r`);
    expect(await (await loadFormatter(join(root, 'async.mjs'), '/'))(results, context, {})).toBe('async /w/a.json');
    expect(await (await loadFormatter('tiny', root))(results, context, {})).toBe('tiny');
    expect(await (await loadFormatter('eslint-formatter-tiny', root))(results, context, {})).toBe('tiny');
    // Scoped packages by ESLint's naming: `@scope/x` is `@scope/eslint-formatter-x`, `@scope` is `@scope/eslint-formatter`.
    expect(await (await loadFormatter('@contoso/ci', root))(results, context, {})).toBe('scoped ci');
    expect(await (await loadFormatter('@contoso/eslint-formatter-ci', root))(results, context, {})).toBe('scoped ci');
    expect(await (await loadFormatter('@contoso', root))(results, context, {})).toBe('scoped default');
    expect(await (await loadFormatter('@contoso/plain', root))(results, context, {})).toBe('scoped plain');
    expect(await (await loadFormatter('./nested.cjs', root))(results, context, {})).toBe('nested');
    // A name with a leading dot is a file, as in ESLint, even without a slash.
    expect(await (await loadFormatter('.hidden.mjs', root))(results, context, {})).toBe('hidden');
  });

  it('turns what a formatter returns into text: nothing is empty, anything else a string', async () => {
    expect(await (await loadFormatter('./nothing.mjs', root))(results, context, {})).toBe('');
    expect(await (await loadFormatter('./null.mjs', root))(results, context, {})).toBe('');
    expect(await (await loadFormatter('./number.mjs', root))(results, context, {})).toBe('42');
  });

  it('names what is wrong with a formatter that cannot be used', async () => {
    expect(await fail('stylsh')).toBe('--format: "stylsh" is not a built-in format (stylish, json, sarif, github, junit, azure-pipelines) (did you mean "stylish"?) nor an installed formatter package (eslint-formatter-stylsh).');
    expect(await fail('@contoso/missing')).toBe('--format: "@contoso/missing" is not a built-in format (stylish, json, sarif, github, junit, azure-pipelines) nor an installed formatter package (@contoso/eslint-formatter-missing).');
    expect(await fail('./missing.mjs')).toBe('--format: cannot load the formatter ./missing.mjs: the file does not exist.');
    expect(await fail('./broken.mjs')).toBe('--format: cannot load the formatter ./broken.mjs: first line of the reason.');
    expect(await fail('./null-export.mjs')).toBe("--format: ./null-export.mjs does not export a formatter function (ESLint's convention: the default export is (results, context) => string).");
    expect(await fail('./object.mjs')).toBe("--format: ./object.mjs does not export a formatter function (ESLint's convention: the default export is (results, context) => string).");
    expect(await fail('./throws.mjs')).toBe('--format: the formatter ./throws.mjs failed: formatter broke');
  });
});
