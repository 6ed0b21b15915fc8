import { describe, expect, it } from 'vitest';
import { removeElementsOrProperty } from '../../src/fix/array-member-edits.js';
import type { EditDocuments } from '../../src/fix/edit-documents.js';
import { addEnvVar, appendToEnvValue, envElements, envVarNode, setEnvValue } from '../../src/fix/env-edits.js';
import { addExposedPortsEdits } from '../../src/fix/exposed-ports.js';
import { addK8sVolumeEdits } from '../../src/fix/k8s-volumes.js';
import { translateManifest } from '../../src/kubernetes/translate.js';
import type { EnvVar } from '../../src/kubernetes/types.js';
import { buildManifestModel } from '../../src/manifest/build-model.js';
import type { TextEdit } from '../../src/manifest/create-options.js';
import { isObject, type JSONObject } from '../../src/manifest/json-ast.js';
import type { ManifestModel, ModuleModel } from '../../src/manifest/model.js';
import { parseJSONText } from '../../src/manifest/parse-json.js';
import { resolveDeviceProfile } from '../../src/settings/device-profile.js';

// Edits of one module as rules make them, checked on the file text they produce: where a port, a
// variable or a volume lands for each way the module writes its createOptions and env.

/** A deployment manifest with the one module `m`, whose settings and env are given as file text. */
function manifest(settings: string, env?: string): string {
  return `{
  "modulesContent": {
    "$edgeAgent": {
      "properties.desired": {
        "schemaVersion": "1.1",
        "runtime": { "type": "docker", "settings": {} },
        "systemModules": {},
        "modules": {
          "m": {
            "type": "docker",
            "status": "running",
            "restartPolicy": "always",
            "settings": ${settings}${env === undefined ? '' : `,\n            "env": ${env}`}
          }
        }
      }
    },
    "$edgeHub": { "properties.desired": { "schemaVersion": "1.1", "routes": {} } }
  }
}
`;
}

function modelOf(text: string): { model: ManifestModel; module: ModuleModel; tools: EditDocuments } {
  const model = buildManifestModel(parseJSONText(text, 'JSON'), text, { filename: 'deployment.json' })!;
  const module = model.modules.find((candidate) => candidate.name === 'm')!;
  // The harness's documents (rule-harness/manifest-rule.ts), with the agent's chunk size.
  const tools: EditDocuments = {
    fileDocument: { text: model.text, layout: model.style },
    innerDocument: (createOptions) => ({ text: createOptions.text, layout: createOptions.style }),
    innerEdits: (createOptions, edits) => (edits.some((edit) => edit === null) ? null : createOptions.toFileEdits(edits as never, { maxChunkLength: 512 })),
  };
  return { model, module, tools };
}

function applyEdits(text: string, edits: readonly TextEdit[] | null): string {
  if (!edits) throw new Error('no edits');
  return [...edits].sort((a, b) => b.range[0] - a.range[0]).reduce((result, edit) => result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]), text);
}

/** The settings member of the fixed file's module. */
function settingsAfter(text: string): Record<string, unknown> {
  return JSON.parse(text).modulesContent.$edgeAgent['properties.desired'].modules.m.settings as Record<string, unknown>;
}

function variables(model: ManifestModel): readonly EnvVar[] {
  return translateManifest(model, resolveDeviceProfile({})).modules.find((module) => module.module.name === 'm')!.env;
}

describe('addExposedPortsEdits', () => {
  it('gives a module without createOptions a string one', () => {
    const text = manifest('{ "image": "a:1" }');
    const { module, tools } = modelOf(text);
    const fixed = applyEdits(text, addExposedPortsEdits(module, ['80/tcp', '81/udp'], tools));
    expect(fixed).toContain('"settings": { "image": "a:1", "createOptions": "{\\"ExposedPorts\\":{\\"80/tcp\\":{},\\"81/udp\\":{}}}" }');
  });

  it('replaces an empty createOptions whole, as a string or an object as it was written', () => {
    const empty = manifest('{ "image": "a:1", "createOptions": "" }');
    const one = modelOf(empty);
    expect(settingsAfter(applyEdits(empty, addExposedPortsEdits(one.module, ['80/tcp'], one.tools))).createOptions).toBe('{"ExposedPorts":{"80/tcp":{}}}');
    const object = manifest('{ "image": "a:1", "createOptions": {} }');
    const other = modelOf(object);
    expect(applyEdits(object, addExposedPortsEdits(other.module, ['80/tcp'], other.tools))).toContain('"createOptions": {\n              "ExposedPorts": {\n                "80/tcp": {}\n              }\n            }');
  });

  it('adds to ExposedPorts whatever its case, or creates it', () => {
    const lower = manifest('{ "image": "a:1", "createOptions": "{\\"exposedports\\":{\\"1/tcp\\":{}}}" }');
    const one = modelOf(lower);
    expect(settingsAfter(applyEdits(lower, addExposedPortsEdits(one.module, ['80/tcp'], one.tools))).createOptions).toBe('{"exposedports":{"1/tcp":{},"80/tcp":{}}}');
    const none = manifest('{ "image": "a:1", "createOptions": "{\\"Env\\":[]}" }');
    const other = modelOf(none);
    expect(settingsAfter(applyEdits(none, addExposedPortsEdits(other.module, ['80/tcp'], other.tools))).createOptions).toBe('{"Env":[],"ExposedPorts":{"80/tcp":{}}}');
  });

  it('gives up where createOptions or ExposedPorts are not objects', () => {
    for (const createOptions of ['"[]"', '"{\\"ExposedPorts\\":[]}"', '"{"']) {
      const { module, tools } = modelOf(manifest(`{ "image": "a:1", "createOptions": ${createOptions} }`));
      expect(addExposedPortsEdits(module, ['80/tcp'], tools), createOptions).toBeNull();
    }
  });
});

describe('env edits', () => {
  const text = manifest('{ "image": "a:1", "createOptions": "{\\"env\\":[\\"A=1\\",\\"B=2\\"]}" }', '{ "C": { "value": "3" } }');
  const { model, module, tools } = modelOf(text);
  const byName = (name: string): EnvVar => variables(model).find((variable) => variable.name === name)!;

  it('finds the Env elements whatever the key is written like', () => {
    expect(envElements(module.createOptions).map((element) => element.value)).toEqual(['A=1', 'B=2']);
    expect(envElements(undefined)).toEqual([]);
    expect(envVarNode(module, byName('B'))?.source).toBe('create-options');
    expect(envVarNode(module, byName('C'))?.source).toBe('env-section');
  });

  it('appends to a value in place, in createOptions and in the env section', () => {
    expect(settingsAfter(applyEdits(text, appendToEnvValue(module, byName('B'), ',x', tools))).createOptions).toBe('{"env":["A=1","B=2,x"]}');
    expect(applyEdits(text, appendToEnvValue(module, byName('C'), '"x', tools))).toContain('"C": { "value": "3\\"x" }');
  });

  it('replaces a value, keeping the name and where it is written', () => {
    expect(settingsAfter(applyEdits(text, setEnvValue(module, byName('A'), 'new', tools))).createOptions).toBe('{"env":["A=new","B=2"]}');
    expect(applyEdits(text, setEnvValue(module, byName('C'), 'new', tools))).toContain('"C": { "value": "new" }');
  });

  it('adds a variable to the mechanism asked for', () => {
    expect(settingsAfter(applyEdits(text, addEnvVar(module, 'create-options', 'D', '4', tools))).createOptions).toBe('{"env":["A=1","B=2","D=4"]}');
    expect(applyEdits(text, addEnvVar(module, 'env-section', 'D', '4', tools))).toContain('"env": { "C": { "value": "3" }, "D": {"value":"4"} }');
  });

  it('gives null where the variable or the place to write it is missing', () => {
    const agentVariable = variables(model).find((variable) => variable.source === 'agent')!;
    expect(agentVariable).toBeDefined();
    expect(envVarNode(module, agentVariable)).toBeUndefined();
    expect(appendToEnvValue(module, agentVariable, 'x', tools)).toBeNull();
    expect(setEnvValue(module, agentVariable, 'x', tools)).toBeNull();
    const bare = modelOf(manifest('{ "image": "a:1" }'));
    expect(addEnvVar(bare.module, 'env-section', 'D', '4', bare.tools)).toBeNull();
    expect(addEnvVar(bare.module, 'create-options', 'D', '4', bare.tools)).toBeNull();
    const noList = modelOf(manifest('{ "image": "a:1", "createOptions": "{\\"Env\\":\\"A=1\\"}" }'));
    expect(addEnvVar(noList.module, 'create-options', 'D', '4', noList.tools)).toBeNull();
  });

  it('gives null for an env entry whose value is not a string, or missing', () => {
    const odd = manifest('{ "image": "a:1" }', '{ "N": { "value": 5 }, "M": {} }');
    const { model: oddModel, module: oddModule, tools: oddTools } = modelOf(odd);
    for (const variable of variables(oddModel).filter((candidate) => candidate.source === 'env-section')) {
      expect(appendToEnvValue(oddModule, variable, 'x', oddTools), variable.name).toBeNull();
    }
    const missing = variables(oddModel).find((variable) => variable.name === 'M')!;
    expect(missing.source).toBe('env-section');
    expect(setEnvValue(oddModule, missing, 'x', oddTools)).toBeNull();
  });
});

describe('addK8sVolumeEdits and removeElementsOrProperty', () => {
  const entry = { volume: { name: 'v', emptyDir: {} }, volumeMounts: [{ name: 'v', mountPath: '/v' }] };

  function volumes(createOptions: string): { text: string; edits: ReturnType<typeof addK8sVolumeEdits>; tools: EditDocuments; module: ModuleModel } {
    const text = manifest(`{ "image": "a:1", "createOptions": ${JSON.stringify(createOptions)} }`);
    const { module, tools } = modelOf(text);
    return { text, edits: addK8sVolumeEdits(tools.innerDocument(module.createOptions!), module.createOptions!, entry), tools, module };
  }

  it('appends to the volumes that are there, or creates the list and the section', () => {
    const there = volumes('{"k8s-experimental":{"volumes":[]}}');
    expect(settingsAfter(applyEdits(there.text, there.tools.innerEdits(there.module.createOptions!, there.edits!))).createOptions).toBe(`{"k8s-experimental":{"volumes":[${JSON.stringify(entry)}]}}`);
    const none = volumes('{}');
    expect(settingsAfter(applyEdits(none.text, none.tools.innerEdits(none.module.createOptions!, none.edits!))).createOptions).toBe(`{"k8s-experimental":{"volumes":[${JSON.stringify(entry)}]}}`);
  });

  it('gives up on createOptions without an object root or with volumes that are no list', () => {
    expect(volumes('[]').edits).toBeNull();
    expect(volumes('{"k8s-experimental":{"volumes":{}}}').edits).toBeNull();
  });

  it('removeElementsOrProperty: null for a member that is no array', () => {
    const text = '{"Binds":{},"Devices":[1,2]}';
    const root = parseJSONText(text, 'JSON').body[0]!.expression as JSONObject;
    expect(isObject(root)).toBe(true);
    expect(removeElementsOrProperty(root, root.properties[0]!, new Set([0]))).toBeNull();
    expect(removeElementsOrProperty(root, root.properties[1]!, new Set([0, 1]))).toEqual([{ start: 11, end: 27, text: '' }]);
  });
});
