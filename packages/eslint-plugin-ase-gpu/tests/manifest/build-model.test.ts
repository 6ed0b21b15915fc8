import { parseJSON } from 'jsonc-eslint-parser';
import { describe, expect, it } from 'vitest';
import { buildManifestModel, detectManifestKind, findManifestContent, hasManifestContent } from '../../src/manifest/build-model.js';
import { hasRepeatedKey, type JSONObject } from '../../src/manifest/json-ast.js';
import type { ManifestModel } from '../../src/manifest/model.js';
import { buildManifest } from '../helpers/manifest-builder.js';

function model(text: string, filename = 'deployment.json'): ManifestModel | undefined {
  return buildManifestModel(parseJSON(text, { jsonSyntax: 'JSONC' }), text, { filename });
}

const agent = (modules: string) =>
  `{"properties.desired": {"schemaVersion": "1.1", "systemModules": {"edgeAgent": {"type": "docker", "settings": {"image": "a"}}, "edgeHub": {"type": "docker", "settings": {"image": "h"}}}, "modules": ${modules}}}`;

describe('recognising a manifest by content', () => {
  it.each([
    ['modulesContent', `{"modulesContent": {"$edgeAgent": ${agent('{"m": {"settings": {"image": "x"}}}')}}}`],
    ['the legacy moduleContent', `{"moduleContent": {"$edgeAgent": ${agent('{"m": {"settings": {"image": "x"}}}')}}}`],
    ['a top-level $edgeAgent', `{"$edgeAgent": ${agent('{"m": {"settings": {"image": "x"}}}')}}`],
    ['content.modulesContent (IoT Hub deployments)', `{"id": "d1", "content": {"modulesContent": {"$edgeAgent": ${agent('{"m": {"settings": {"image": "x"}}}')}}}}`],
  ])('finds the modules under %s', (_, text) => {
    const found = model(text);
    expect(found?.modules.map((module) => [module.name, module.system])).toEqual([
      ['edgeAgent', 'edgeAgent'],
      ['edgeHub', 'edgeHub'],
      ['m', undefined],
    ]);
    expect(found?.layered).toBe(false);
  });

  it.each([
    ['package.json', '{"name": "x", "version": "1.0.0"}'],
    ['an array', '[1, 2]'],
    ['a schema that mentions modules', '{"properties": {"modulesContent": {"type": "object"}}}'],
  ])('leaves %s alone', (_, text) => {
    expect(model(text)).toBeUndefined();
  });

  it.each([
    `{"modulesContent": {}}`,
    `{"moduleContent": {}}`,
    `{"modulesContent": [], "moduleContent": {}}`,
    `{"modulesContent": {}, "modulesContent": 1}`,
    `{"content": {"modulesContent": {}}}`,
    `{"content": {"modulesContent": "x"}}`,
    `{"$edgeAgent": null}`,
    `{"properties": {"modulesContent": {"type": "object"}}}`,
    `[{"modulesContent": {}}]`,
    `"modulesContent"`,
  ])('decides %s from JSON.parse as from the tree', (text) => {
    expect(hasManifestContent(JSON.parse(text))).toBe(findManifestContent(parseJSON(text, { jsonSyntax: 'JSON' }).body[0]?.expression as never) !== undefined);
  });

  it('reads layered deployments with dotted keys as fragments', () => {
    const text = `{"content": {"modulesContent": {"$edgeAgent": {"properties.desired.modules.sensor": {"settings": {"image": "s", "createOptions": "{}"}}}, "$edgeHub": {"properties.desired.routes.r1": "FROM /messages/modules/sensor/* INTO $upstream"}}}}`;
    const found = model(text, 'layered.json');
    expect(found?.layered).toBe(true);
    expect(found?.modules.map((module) => [module.name, module.layered])).toEqual([['sensor', true]]);
    expect(found?.routes.map((route) => [route.name, route.text?.value])).toEqual([['r1', 'FROM /messages/modules/sensor/* INTO $upstream']]);
  });

  it('keeps the last of duplicate keys, as IoT Hub does', () => {
    const text = `{"modulesContent": {"$edgeAgent": ${agent('{"m": {"settings": {"image": "first", "image": "second"}}}')}}}`;
    expect(model(text)?.modules.find((module) => module.name === 'm')?.image?.value).toBe('second');
  });

  it('lists env, status, restart policy, routes and registry credentials', () => {
    const { code } = buildManifest(
      {
        modules: { camera: { env: { A: { value: '1' }, 'Logging:Level': { value: 'Debug' } }, status: 'stopped', restartPolicy: 'on-failure' } },
        routes: { r: { route: 'FROM /messages/* INTO $upstream', priority: 1 } },
        registryCredentials: { acr: { username: 'contoso', password: 'p', address: 'contoso.azurecr.io' } },
      },
      'string',
    );
    const found = model(code)!;
    const camera = found.modules.find((module) => module.name === 'camera')!;
    expect(camera.env.map((entry) => [entry.name, entry.value?.type === 'JSONLiteral' ? entry.value.value : undefined])).toEqual([
      ['A', '1'],
      ['Logging:Level', 'Debug'],
    ]);
    expect(camera.status?.value).toMatchObject({ value: 'stopped' });
    expect(camera.restartPolicy?.value).toMatchObject({ value: 'on-failure' });
    expect(found.routes.map((route) => route.text?.value)).toEqual(['FROM /messages/* INTO $upstream']);
    expect(found.registryCredentials.map((credential) => [credential.name, credential.username?.value, credential.address?.value])).toEqual([
      ['acr', 'contoso', 'contoso.azurecr.io'],
    ]);
    expect(found.agentSchemaVersion?.value).toMatchObject({ value: '1.1' });
  });
});

describe('manifest kind', () => {
  it.each([
    ['deployment.template.json', '{}', undefined, 'template'],
    ['deployment.debug.template.json', '{}', undefined, 'template'],
    ['config/deployment.amd64.json', '{}', undefined, 'deployment'],
    ['deployment.json', '{"image": "${MODULES.sensor}"}', undefined, 'template'],
    ['deployment.template.json', '{}', 'deployment', 'deployment'],
    ['deployment.json', '{}', 'template', 'template'],
  ] as const)('%s with %s and setting %s is a %s', (filename, text, setting, kind) => {
    expect(detectManifestKind(filename, text, setting)).toBe(kind);
  });
});

describe('createOptions positions', () => {
  it('maps inner nodes of a string through escapes to the file', () => {
    const { code } = buildManifest({ modules: { m: { createOptions: { Env: ['PATH=/a\\b', 'Q="x"', 'é=\u00e9'] } } } }, 'string');
    const createOptions = model(code)!.modules.find((module) => module.name === 'm')!.createOptions!;
    expect(createOptions.encoding).toBe('string');
    const env = createOptions.get(['Env']);
    expect(env?.type).toBe('JSONArrayExpression');
    const elements = env?.type === 'JSONArrayExpression' ? env.elements : [];
    const texts = elements.map((element) => {
      const [start, end] = createOptions.fileRange(element!);
      return code.slice(start, end);
    });
    const inFile = (value: string) => JSON.stringify(JSON.stringify(value)).slice(1, -1);
    expect(texts).toEqual([inFile('PATH=/a\\b'), inFile('Q="x"'), inFile('é=é')]);
    expect(createOptions.pathOf(elements[1]!)).toEqual(['Env', 1]);
  });

  it('joins chunks in the agent order and maps across them', () => {
    const text = `{"modulesContent": {"$edgeAgent": ${agent('{"m": {"settings": {"image": "x", "createOptions01": "\\"Privileged\\":true}}", "createOptions": "{\\"HostConfig\\":{"}}}')}}}`;
    const createOptions = model(text)!.modules.find((module) => module.name === 'm')!.createOptions!;
    expect(createOptions.encoding).toBe('chunked');
    expect(createOptions.text).toBe('{"HostConfig":{"Privileged":true}}');
    expect(createOptions.chunkLayout?.issues).toEqual([]);
    const privileged = createOptions.property(['HostConfig', 'Privileged'])!;
    const [start, end] = createOptions.fileRange(privileged.key);
    expect(text.slice(start, end)).toBe('\\"Privileged\\"');
    // The whole HostConfig object crosses the chunk boundary: it can be reported but not edited in place.
    const hostConfig = createOptions.get(['HostConfig'])!;
    expect(createOptions.editRange(hostConfig.range)).toBeNull();
    expect(createOptions.editRange(privileged.value.range)).not.toBeNull();
    expect(model(text)!.createOptionsPathAt(start + 3)?.path).toEqual(['HostConfig', 'Privileged']);
  });

  it('finds the module that holds each offset of the file, and none between or outside modules', () => {
    // modules before systemModules in the file: the lookup must not assume the model's order is the file's.
    const text = `{"modulesContent": {"$edgeAgent": {"properties.desired": {"modules": {"b": {"settings": {"image": "b"}}, "a": {"settings": {"image": "a"}}}, "systemModules": {"edgeHub": {"settings": {"image": "h"}}}}}}}`;
    const found = model(text)!;
    const expected = (offset: number): string | undefined =>
      found.modules.find((module) => offset >= module.property.range[0] && offset < module.property.range[1])?.name;
    for (let offset = -1; offset <= text.length; offset++) expect(found.moduleAt(offset)?.name, `offset ${offset}`).toBe(expected(offset));
    expect(found.moduleAt(text.indexOf('"image": "a"'))?.name).toBe('a');
    expect(found.moduleAt(text.indexOf('"image": "h"'))?.name).toBe('edgeHub');
    expect(found.moduleAt(text.indexOf('"systemModules"'))).toBeUndefined();
  });

  it('finds the innermost createOptions node and its path at every offset, in long arrays too', () => {
    const options = { HostConfig: { Binds: Array.from({ length: 40 }, (_, i) => `/data/${i}:/mnt/${i}`), Privileged: true }, Env: ['A=1', 'B=2'] };
    const text = `{"modulesContent": {"$edgeAgent": ${agent(`{"m": {"settings": {"image": "x", "createOptions": ${JSON.stringify(JSON.stringify(options))}}}}`)}}}`;
    const found = model(text)!;
    const createOptions = found.modules.find((module) => module.name === 'm')!.createOptions!;
    const innermost = (decoded: number) => {
      let best: { range: [number, number] } | undefined;
      const visit = (node: { range: [number, number]; type: string; properties?: unknown[]; elements?: unknown[]; key?: unknown; value?: unknown }): void => {
        if (decoded < node.range[0] || decoded >= node.range[1]) return;
        best = node;
        const children = node.properties ?? node.elements ?? (node.type === 'JSONProperty' ? [node.key, node.value] : []);
        for (const child of children) visit(child as typeof node);
      };
      visit(createOptions.root as never);
      return best;
    };
    for (let decoded = -1; decoded <= createOptions.text.length; decoded++) expect(createOptions.nodeAt(decoded), `decoded ${decoded}`).toBe(innermost(decoded));
    const bind = createOptions.text.indexOf('/data/37');
    expect(found.createOptionsPathAt(createOptions.fileStart(bind))?.path).toEqual(['HostConfig', 'Binds', 37]);
  });

  it('records what the agent rejects in a chunk layout', () => {
    const text = `{"modulesContent": {"$edgeAgent": ${agent('{"m": {"settings": {"image": "x", "createOptions": "{", "createOptions01": "", "createOptions1": "}", "createOptions03": ""}}}')}}}`;
    const issues = model(text)!.modules.find((module) => module.name === 'm')!.createOptions!.chunkLayout!.issues;
    expect(issues.map((issue) => [issue.kind, issue.entry.key])).toEqual([
      // Sorted as strings, createOptions03 comes before createOptions1.
      ['unexpected', 'createOptions03'],
      ['duplicate', 'createOptions1'],
    ]);
  });

  it('records an unparseable string once, at the error position in the file', () => {
    const { code } = buildManifest({ modules: { m: { createOptions: '{"HostConfig": [}' } } }, 'string');
    const createOptions = model(code)!.modules.find((module) => module.name === 'm')!.createOptions!;
    expect(createOptions.root).toBeUndefined();
    expect(code.slice(createOptions.parseError!.fileOffset, createOptions.parseError!.fileOffset + 1)).toBe('}');
  });

  it('treats empty, whitespace and null createOptions as no options', () => {
    for (const value of ['', '  ', 'null']) {
      const { code } = buildManifest({ modules: { m: { createOptions: value } } }, 'string');
      const createOptions = model(code)!.modules.find((module) => module.name === 'm')!.createOptions!;
      expect(createOptions.isEmpty).toBe(true);
      expect(createOptions.parseError).toBeUndefined();
    }
  });
});

describe('hasRepeatedKey', () => {
  const objectOf = (keys: string[]) => {
    const text = `{${keys.map((key, index) => `${JSON.stringify(key)}: ${index}`).join(', ')}}`;
    return parseJSON(text, { jsonSyntax: 'JSON' }).body[0]!.expression as unknown as JSONObject;
  };
  it.each([
    [[], false],
    [['a'], false],
    [['a', 'b', 'c'], false],
    [['a', 'b', 'a'], true],
    [['a', 'A'], false],
    [Array.from({ length: 8 }, (_, i) => `k${i}`), false],
    [[...Array.from({ length: 8 }, (_, i) => `k${i}`), 'k0'], true],
    [Array.from({ length: 40 }, (_, i) => `k${i}`), false],
    [[...Array.from({ length: 40 }, (_, i) => `k${i}`), 'k39'], true],
  ])('%j → %s', (keys, expected) => {
    expect(hasRepeatedKey(objectOf(keys as string[]).properties)).toBe(expected);
  });
});
