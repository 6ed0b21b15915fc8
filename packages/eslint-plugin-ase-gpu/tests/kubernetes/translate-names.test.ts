import { describe, expect, it } from 'vitest';
import { ENCODINGS } from '../helpers/manifest-builder.js';
import { locate } from '../helpers/locate.js';
import { codes, translate } from './translate-helper.js';

const exposed = { ExposedPorts: { '80/tcp': {} } };

describe('module names (section 4)', () => {
  it('keeps "---a-0---" as it is, and Kubernetes rejects it as a container name', () => {
    const t = translate({ modules: { '---a-0---': {} } });
    const module = t.module('---a-0---');
    expect(module.name).toBe('---a-0---');
    expect(module.deployment.name).toBe('---a-0---');
    expect(module.serviceAccount.name).toBe('---a-0---');
    expect(codes(module.failures)).toEqual(['name-invalid-label']);
    expect(t.where(module.failures[0]!.origin)).toEqual(locate(t.built.code, '"---a-0---"'));
    expect(module.failures[0]!.origin.path).toBe('modules["---a-0---"]');
  });

  it('keeps "000": a valid container name, but not a Service name once the module has ports', () => {
    const quiet = translate({ modules: { '000': {} } }).module('000');
    expect(quiet.name).toBe('000');
    expect(quiet.failures).toEqual([]);
    const withPorts = translate({ modules: { '000': { createOptions: exposed } } }).module('000');
    expect(withPorts.service?.name).toBe('000');
    expect(codes(withPorts.failures)).toEqual(['name-invalid-service']);
  });

  it('lower-cases and deletes characters other than [a-z0-9.-], with a note for each', () => {
    const t = translate({ modules: { CameraCapture: {}, my_module: {} } });
    expect(t.module('CameraCapture').name).toBe('cameracapture');
    expect(codes(t.module('CameraCapture').notes)).toEqual(['name-lowercased']);
    expect(t.module('my_module').name).toBe('mymodule');
    expect(codes(t.module('my_module').notes)).toEqual(['name-characters-removed']);
    expect(t.module('my_module').failures).toEqual([]);
  });

  it('names the system modules edgeagent and edgehub, without notes', () => {
    const t = translate({ modules: {} });
    expect(t.translation.modules.map((module) => module.name)).toEqual(['edgeagent', 'edgehub']);
    expect(t.translation.notes.filter((note) => note.code.startsWith('name-'))).toEqual([]);
  });

  it('fails every module of a collision, system modules included', () => {
    const t = translate({ modules: { mod_a: {}, moda: {}, EdgeHub: {} } });
    expect(codes(t.module('mod_a').failures)).toEqual(['name-collision']);
    expect(codes(t.module('moda').failures)).toEqual(['name-collision']);
    expect(t.module('moda').failures[0]!.data).toMatchObject({ name: 'moda', others: 'mod_a' });
    const hub = t.translation.modules.filter((module) => module.name === 'edgehub');
    expect(hub.map((module) => module.module.system ?? 'user')).toEqual(['edgeHub', 'user']);
    expect(hub.map((module) => codes(module.failures))).toEqual([['name-collision'], ['name-collision']]);
    expect(hub[1]!.failures[0]!.data.others).toBe('edgeHub');
  });

  it('fails names the pod or the runtime already uses', () => {
    const t = translate({ modules: { Proxy: {}, iotedged: {} } });
    expect(codes(t.module('Proxy').failures)).toEqual(['name-reserved']);
    expect(codes(t.module('iotedged').failures)).toEqual(['name-reserved']);
  });

  it('fails names longer than 253 characters, where the agent throws', () => {
    const long = 'a'.repeat(254);
    expect(codes(translate({ modules: { [long]: {} } }).module(long).failures)).toEqual(['name-too-long']);
    const label = 'a'.repeat(64);
    expect(codes(translate({ modules: { [label]: {} } }).module(label).failures)).toEqual(['name-invalid-label']);
  });

  it('marks a layered fragment without a base deployment as not the whole deployment', () => {
    expect(translate({ modules: {} }).translation.wholeDeployment).toBe(true);
  });

  it.each(ENCODINGS)('fails a non-docker module type (%s)', (encoding) => {
    const t = translate({ modules: { a: { extra: { type: 'native' } } } }, encoding);
    expect(codes(t.module('a').failures)).toEqual(['module-type-not-docker']);
    expect(t.module('a').failures[0]!.origin.path).toBe('modules.a.type');
  });
});
