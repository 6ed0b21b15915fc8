import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../packages/eslint-plugin-ase-gpu/src/index.js';
import { laidOut, SWEEP_BASE, SWEEP_REALISTIC, sweepMutations, textOf, type Mutation, type Tree } from './type-sweep.js';

/**
 * Every createOptions path a rule reads, set to a value of every JSON type, and every prototype name
 * as a key at every object level, in the three encodings under the `all` preset: no rule may throw.
 * ESLint computes fixes and suggestions as rules report, so their code runs too; the fixed text of
 * each batch is linted once more.
 */

type Encoding = 'object' | 'string' | 'chunked';
const CHUNK = 512;

function settingsText(tree: Tree, encoding: Encoding): string {
  if (encoding === 'object') return `"createOptions": ${laidOut(tree, '            ')}`;
  const text = textOf(tree);
  if (encoding === 'string' || text.length <= CHUNK) return `"createOptions": ${JSON.stringify(text)}`;
  const chunks: string[] = [];
  for (let i = 0, n = 0; i < text.length; i += CHUNK, n++) chunks.push(`"${n === 0 ? 'createOptions' : `createOptions${String(n).padStart(2, '0')}`}": ${JSON.stringify(text.slice(i, i + CHUNK))}`);
  return chunks.join(',\n            ');
}

function manifestOf(batch: readonly Mutation[], encoding: Encoding, offset: number): string {
  const modules = batch.map(
    (mutation, index) =>
      `        "m${offset + index}": {\n          "version": "1.0", "type": "docker", "status": "running", "restartPolicy": "always",\n          "settings": {\n            "image": "contoso.azurecr.io/m:1",\n            ${settingsText(mutation.tree, encoding)}\n          }\n        }`,
  );
  return `{
  "modulesContent": {
    "$edgeAgent": {
      "properties.desired": {
        "schemaVersion": "1.1",
        "runtime": { "type": "docker", "settings": { "minDockerVersion": "v1.25" } },
        "systemModules": {
          "edgeAgent": { "type": "docker", "settings": { "image": "mcr.microsoft.com/azureiotedge-agent:1.1" } },
          "edgeHub": { "type": "docker", "status": "running", "restartPolicy": "always", "settings": { "image": "mcr.microsoft.com/azureiotedge-hub:1.1" } }
        },
        "modules": {
${modules.join(',\n')}
        }
      }
    },
    "$edgeHub": { "properties.desired": { "schemaVersion": "1.1", "routes": {} } }
  }
}
`;
}

const linter = new Linter({ configType: 'flat' });
/** Findings seen by the sweep: the rules ran on the mutations (the check is not vacuous). */
let findings = 0;
const config = [plugin.configs.all];

function crashOf(text: string, filename: string): string | undefined {
  try {
    const messages = linter.verify(text, config, { filename });
    findings += messages.length;
    const fatal = messages.find((message) => message.fatal);
    if (fatal) return `fatal: ${fatal.message}`;
    return undefined;
  } catch (error) {
    return String(error).split('\n').slice(0, 2).join(' ');
  }
}

/** The mutations whose module makes a rule throw, found by halving a failing batch. */
function crashes(batch: readonly Mutation[], encoding: Encoding, offset: number, filename: string): string[] {
  const crash = crashOf(manifestOf(batch, encoding, offset), filename);
  if (!crash) return [];
  if (batch.length === 1) return [`${batch[0]!.name} (${encoding}): ${crash}`];
  const half = Math.ceil(batch.length / 2);
  return [...crashes(batch.slice(0, half), encoding, offset, filename), ...crashes(batch.slice(half), encoding, offset + half, filename)];
}

const ALONE = sweepMutations(SWEEP_BASE, true);
const AMONG_OTHERS = sweepMutations(SWEEP_REALISTIC, false);
const BATCH = 100;

function sweep(all: readonly Mutation[], encoding: Encoding, filename: string): string[] {
  const found: string[] = [];
  const before = findings;
  for (let start = 0; start < all.length; start += BATCH) for (const crash of crashes(all.slice(start, start + BATCH), encoding, start, filename)) found.push(crash);
  expect(findings - before, 'findings on the mutated modules').toBeGreaterThan(all.length);
  return found;
}

describe('type sweep over createOptions under the all preset', () => {
  it('covers the paths rules read', () => {
    const names = new Set(ALONE.map((mutation) => mutation.name));
    for (const expected of [
      'HostConfig.Memory = {}',
      'HostConfig.NanoCpus = [{}]',
      'HostConfig.CpuShares = {"a":{}}',
      'k8s-experimental.resources.limits.memory = {}',
      'k8s-experimental.resources.limits.cpu = [{}]',
      'k8s-experimental.constructor = {}',
      'HostConfig.Binds.0 = 1e400',
      'k8s-experimental.volumes.0.volumeMounts.0.__proto__ = "x"',
    ]) {
      expect(names.has(expected), expected).toBe(true);
    }
    expect(ALONE.length).toBeGreaterThan(5000);
  });

  const encodings: readonly Encoding[] = ['object', 'string', 'chunked'];
  // In CI every value at every path runs in every encoding; the prototype keys, and the mutations among
  // realistic options, each in one encoding (in turn). `pnpm fuzz` (SWEEP_FULL=1) runs all in all three.
  const full = process.env.SWEEP_FULL === '1';
  const inTurn = (all: readonly Mutation[], index: number) => (full ? all : all.filter((mutation, position) => mutation.family === 'value' || position % encodings.length === index));

  for (const [index, encoding] of encodings.entries()) {
    const filename = encoding === 'object' ? 'deployment.template.json' : 'deployment.json';

    it(`no rule throws on any value at any path, alone in its module (${encoding})`, () => {
      expect(sweep(inTurn(ALONE, index), encoding, filename)).toEqual([]);
    }, 900_000);

    it(`no rule throws on any value at any path among realistic createOptions (${encoding})`, () => {
      expect(sweep(inTurn(AMONG_OTHERS.map((mutation) => ({ ...mutation, family: 'key' as const })), index), encoding, filename)).toEqual([]);
    }, 900_000);
  }
});
