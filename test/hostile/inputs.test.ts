import { Linter } from 'eslint';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import plugin from '../../packages/eslint-plugin-ase-gpu/src/index.js';

/**
 * Hostile manifests through ESLint's Linter with every rule (the `all` and `migration` presets):
 * linting and fixing must end with findings or a fatal parse message, never an exception or a hang,
 * and a manifest must not be able to write to Object.prototype.
 */

const root = join(import.meta.dirname, '../..');
const linter = new Linter({ configType: 'flat' });
const presets = [[plugin.configs.all], [plugin.configs.migration]] as const;

function manifestWith(modules: string, extraOuter = ''): string {
  return `{"modulesContent": {${extraOuter}"$edgeAgent": {"properties.desired": {"schemaVersion": "1.1", "runtime": {"type": "docker", "settings": {}}, "systemModules": {"edgeAgent": {"type": "docker", "settings": {"image": "mcr.microsoft.com/azureiotedge-agent:1.1"}}, "edgeHub": {"type": "docker", "status": "running", "restartPolicy": "always", "settings": {"image": "mcr.microsoft.com/azureiotedge-hub:1.1", "createOptions": "{}"}}}, "modules": {${modules}}}}, "$edgeHub": {"properties.desired": {"schemaVersion": "1.1", "routes": {}, "storeAndForwardConfiguration": {"timeToLiveSecs": 7200}}}}}`;
}

function moduleWith(name: string, createOptions: string, extra = ''): string {
  return `${JSON.stringify(name)}: {"version": "1.0", "type": "docker", "status": "running", "restartPolicy": "always", "settings": {"image": "contoso.azurecr.io/m:1", "createOptions": ${createOptions}}${extra}}`;
}

/** Lints and fixes under both presets; returns the messages of the plain lint under `all`. */
function lintEverything(text: string, filename = 'deployment.json'): Linter.LintMessage[] {
  let first: Linter.LintMessage[] | undefined;
  for (const config of presets) {
    const messages = linter.verify(text, [...config], { filename });
    first ??= messages;
    const fixed = linter.verifyAndFix(text, [...config], { filename });
    if (!messages.some((message) => message.fatal)) {
      expect(fixed.messages.filter((message) => message.fatal), 'a fix made the file unparseable').toEqual([]);
    }
  }
  return first!;
}

const fatalOf = (messages: Linter.LintMessage[]) => messages.filter((message) => message.fatal);

describe('hostile manifests through ESLint with every rule', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a 50 MB manifest (one 50 MB value) is linted, not refused or crashed on', () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const text = manifestWith(moduleWith('big', JSON.stringify('{}'), `, "env": {"BLOB": {"value": "${big}"}}`));
    expect(text.length).toBeGreaterThan(50 * 1024 * 1024);
    const messages = linter.verify(text, [plugin.configs.all], { filename: 'deployment.json' });
    expect(fatalOf(messages)).toEqual([]);
  }, 120_000);

  it('nesting 10,000 levels deep in the file gives a fatal message, not a stack overflow', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const text = manifestWith(moduleWith('deep', '"{}"'), `"deep": ${deep}, `);
    const messages = lintEverything(text);
    // One clear parse failure, and nothing else: a manifest that cannot be read has no findings.
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ fatal: true, line: 1, severity: 2, message: 'Parsing error: Not enough stack space to parse input' });
    // Where the parser gave up depends on the stack it had, but it is inside the brackets.
    const start = text.indexOf(deep);
    expect(messages[0]!.column).toBeGreaterThan(start);
    expect(messages[0]!.column).toBeLessThanOrEqual(start + deep.length);
  });

  it('nesting 10,000 levels deep inside a createOptions string is reported once by valid-create-options', () => {
    const inner = `{"Labels": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const text = manifestWith(moduleWith('deep', JSON.stringify(inner)));
    const messages = lintEverything(text);
    expect(fatalOf(messages)).toEqual([]);
    const own = messages.filter((message) => message.ruleId === 'ase-gpu/valid-create-options');
    expect(own).toHaveLength(1);
    expect(own[0]!.message).toBe('Module "deep": createOptions is not valid JSON (Not enough stack space to parse input), so the GPU device rejects the deployment (400, configuration format is invalid).');
    const string = text.indexOf('"{\\"Labels');
    expect(own[0]!.column).toBeGreaterThan(string);
    expect(own[0]!.column).toBeLessThanOrEqual(string + JSON.stringify(inner).length);
  });

  it('a createOptions string of 1 MB is decoded, mapped and fixed to valid JSON (in a child process with a hang guard: speed is the benchmark\'s to judge, not this test\'s)', () => {
    const binds = Array.from({ length: 30_000 }, (_, index) => `/home/hcsshares/share${index % 7}:/data${index}`);
    const options = JSON.stringify({ HostConfig: { Binds: binds }, Labels: { note: 'é😀"\\/'.repeat(1000) } });
    expect(options.length).toBeGreaterThan(1_000_000);
    const text = manifestWith(moduleWith('huge', JSON.stringify(options)));
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    try {
      writeFileSync(join(dir, 'deployment.json'), text);
      const script = `
        import { readFileSync } from 'node:fs';
        import { Linter } from 'eslint';
        import plugin from ${JSON.stringify(pathToFileURL(join(root, 'packages/eslint-plugin-ase-gpu/dist/index.js')).href)};
        const text = readFileSync(process.argv[1], 'utf8');
        const linter = new Linter({ configType: 'flat' });
        for (const config of [[plugin.configs.all], [plugin.configs.migration]]) {
          const started = performance.now();
          const messages = linter.verify(text, config, { filename: 'deployment.json' });
          const fixed = linter.verifyAndFix(text, config, { filename: 'deployment.json' });
          if (messages.some((m) => m.fatal) || fixed.messages.some((m) => m.fatal)) throw new Error('fatal');
          JSON.parse(fixed.output);
          console.log(config[0].name, Math.round(performance.now() - started), 'ms');
        }`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, join(dir, 'deployment.json')], { cwd: root, encoding: 'utf8', timeout: 300_000 });
      expect(result.error, `hung (no answer in 5 minutes) or failed to start; output so far: ${result.stdout}`).toBeUndefined();
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 330_000);

  it('invalid UTF-8 (decoded to U+FFFD) is linted like any text', () => {
    const [before, after] = manifestWith(moduleWith('bad', JSON.stringify('{"Labels": {"a": "@@"}}'))).split('@@') as [string, string];
    const bytes = Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(after)]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\uFFFD');
    expect(() => lintEverything(text)).not.toThrow();
  });

  it('a BOM in the middle of the file is a parse error at its place; inside a string it is text', () => {
    const text = manifestWith(moduleWith('bom', '"{}"'));
    const at = text.indexOf('"$edgeHub"');
    const outside = lintEverything(`${text.slice(0, at)}\uFEFF${text.slice(at)}`);
    expect(fatalOf(outside)).toHaveLength(1);
    expect(fatalOf(outside)[0]).toMatchObject({ line: 1, column: at + 1 });
    const inside = lintEverything(manifestWith(moduleWith('bom', JSON.stringify('{"Labels": {"a": "\uFEFF"}}'))));
    expect(fatalOf(inside)).toEqual([]);
  });

  it('duplicate keys: lints and fixes without crashing, the last module of a name counts', () => {
    const text = manifestWith(`${moduleWith('dup', JSON.stringify('{"HostConfig": {"Binds": ["/home/hcsshares/a:/a"]}}'))}, ${moduleWith('dup', JSON.stringify('{"HostConfig": {"Binds": ["/home/hcsshares/b:/b"], "Binds": ["/etc/hosts:/etc/hosts"]}}'))}`);
    expect(fatalOf(lintEverything(text))).toEqual([]);
  });

  it('__proto__ and constructor keys everywhere do not pollute prototypes', () => {
    const poison = '{"polluted": "yes", "prototype": {"polluted": "yes"}}';
    const options = JSON.stringify(`{"__proto__": ${poison}, "constructor": ${poison}, "HostConfig": {"__proto__": ${poison}, "Binds": ["/home/hcsshares/s:/d"], "PortBindings": {"__proto__": [{"HostPort": "1"}]}}, "k8s-experimental": {"__proto__": ${poison}, "resources": {"limits": {"__proto__": "1"}}}, "Env": ["__proto__=x", "constructor=y"]}`);
    const text = manifestWith(
      `${moduleWith('__proto__', options, `, "env": {"__proto__": {"value": "x"}, "constructor": {"value": "y"}}`)}, ${moduleWith('constructor', options)}, ${moduleWith('prototype', `{"__proto__": ${poison}}`)}`,
      `"__proto__": ${poison}, `,
    );
    lintEverything(text);
    lintEverything(text, 'deployment.template.json');
  });
});
