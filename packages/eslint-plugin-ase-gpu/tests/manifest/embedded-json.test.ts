import { describe, expect, it } from 'vitest';
import { embeddedJsonProblems } from '../../src/manifest/embedded-json.js';

function manifest(settings: Record<string, string>, eol = '\n'): string {
  const document = {
    modulesContent: {
      $edgeAgent: { 'properties.desired': { schemaVersion: '1.1', modules: { m1: { type: 'docker', settings: { image: 'x', ...settings } }, m2: { type: 'docker', settings: { image: 'y', createOptions: '{}' } } } } },
      $edgeHub: { 'properties.desired': { schemaVersion: '1.1', routes: {} } },
    },
  };
  return JSON.stringify(document, null, 2).replace(/\n/gu, eol);
}

describe('embeddedJsonProblems', () => {
  it('finds nothing in valid createOptions, in one string or in chunks', () => {
    expect(embeddedJsonProblems(manifest({ createOptions: '{"HostConfig":{"Mounts":[{"Type":"bind"},{"Type":"volume"}]}}' }), 'deployment.json')).toEqual([]);
    expect(embeddedJsonProblems(manifest({ createOptions: '{"HostConfig":', createOptions01: '{"Privileged":true}}' }), 'deployment.json')).toEqual([]);
  });

  it('reports createOptions that do not parse, at the file offset of the error', () => {
    const text = manifest({ createOptions: '{"Mounts":[{"Type":"bind"}{"Type":"volume"}]}' });
    const problems = embeddedJsonProblems(text, 'deployment.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.holder).toBe('createOptions of module "m1"');
    // The second `{`, written `{\"Type` in the file: the error points at it.
    expect(text.slice(problems[0]!.offset, problems[0]!.offset + 2)).toBe('{\\');
    expect(text.slice(0, problems[0]!.offset)).toMatch(/"bind\\"\}$/u);
  });

  it('parses chunks joined, as the agent does: each chunk alone is no JSON, together they are', () => {
    const text = manifest({ createOptions: '{"A":1', createOptions01: '"B":2}' });
    expect(embeddedJsonProblems(text, 'deployment.json').map((problem) => problem.holder)).toEqual(['createOptions of module "m1"']);
  });

  it('with a baseline, reports only what the fixes broke', () => {
    const alreadyBroken = manifest({ createOptions: '{"A":' });
    expect(embeddedJsonProblems(alreadyBroken, 'deployment.json', alreadyBroken)).toEqual([]);
    const before = manifest({ createOptions: '{"A":1}' });
    expect(embeddedJsonProblems(alreadyBroken, 'deployment.json', before)).toHaveLength(1);
  });

  it('reads a file with a BOM and CRLF line endings', () => {
    const text = `\uFEFF${manifest({ createOptions: '{"A":1,}' }, '\r\n')}`;
    expect(embeddedJsonProblems(text, 'deployment.json').map((problem) => problem.holder)).toEqual(['createOptions of module "m1"']);
  });

  it('leaves files that do not parse, and files that are not manifests, to the caller', () => {
    expect(embeddedJsonProblems('{"modulesContent": ', 'deployment.json')).toEqual([]);
    expect(embeddedJsonProblems('{"createOptions": "{"}', 'other.json')).toEqual([]);
  });
});
