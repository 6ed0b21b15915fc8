/**
 * Counterparts of edge-agent/test/Microsoft.Azure.Devices.Edge.Agent.Kubernetes.Test/KubeUtilsTest.cs:
 * the same inputs through our sanitisers, and where a manifest carries the value (a Labels key, a module
 * name, a Mounts source) through a manifest and its translation.
 */
import { describe, expect } from 'vitest';
import { sanitizeAnnotationKey } from '../../packages/eslint-plugin-ase-gpu/src/kubernetes/annotation-key.js';
import { sanitizeDnsDomain, sanitizeDnsLabel, sanitizeDnsValue, sanitizeK8sValue, sanitizeLabelValue, MAX_K8S_NAME } from '../../packages/eslint-plugin-ase-gpu/src/kubernetes/names.js';
import { agentClass, codesOf, translateAgent } from './agent.js';

const test = agentClass('KubeUtilsTest');

/** KubeUtilsTest.GetLongDnsDomain: one letter and a dot, 128 times (256 characters). */
function longDnsDomain(): string {
  let text = '';
  for (let i = 0; i <= 255; i += 2) text += `${String.fromCharCode(97 + (i % 26))}.`;
  return text;
}

const A_TO_J = 'abcdefghij';
const UPPER = 'ABCDEFGHIJ';

/** The cases the agent's SanitizeDnsValueTest and SanitizeDnsLabelTest share (expected, raw). */
const DNS_CASES: readonly [string, string][] = [
      ['edgeagent', '$edgeAgent'],
      ['edgehub', '$edgeHub'],
      [`${A_TO_J.repeat(6)}abc`, `${UPPER.repeat(6)}ABC`],
      ['abcdefghi-'.repeat(6) + 'abc', 'ABCDEFGHI-'.repeat(6) + 'ABC'],
      ['a-0', '---a-0---'],
      ['z-9', '---z-9---'],
      ['a-0', '---A-0---'],
      ['z-9', '---Z-9---'],
      ['a-z', '---a-z---'],
      ['a-z---1', '---a-z-/--1'],
      [`${A_TO_J.repeat(5)}ab----------c`, `${UPPER.repeat(5)}AB----------C`],
];

describe('KubeUtilsTest', () => {
  test('SanitizeAnnotationKeyTest', () => {
    const cases: [string, string][] = [
      ['edgeAgent', '$edgeAgent'],
      ['edgeHub', '$edgeHub'],
      ['iothub.azure-device.net/edgeAgent', 'iothub.azure-device.net/$edgeAgent'],
      ['iothub.azure-device.net/edgeHub', 'iothub.azure-device.net/$edgeHub'],
      ['k8s.io/a-0', 'K8S.IO/---a-0--'],
    ];
    const t = translateAgent({ modules: { m: { createOptions: { Labels: Object.fromEntries(cases.map(([, raw]) => [raw, 'v'])) } } } });
    expect(t.module('m').deployment.annotations.map((annotation) => annotation.key)).toEqual(cases.map(([expected]) => expected));
    for (const [expected, raw] of cases) expect(sanitizeAnnotationKey(raw)).toEqual({ ok: true, key: expected });
  });

  test('SanitizeAnnotationKeyFailTest', () => {
    const raws = [
      A_TO_J.repeat(7),
      `${A_TO_J.repeat(6)}ab-------j.com/a`,
      `iothub.azure-device.net/${A_TO_J.repeat(7)}`,
      '!!!',
      '!!!!/abc',
      '123.com/!!!!',
    ];
    // The C# null case has no JSON form: a Labels key is always a string.
    const t = translateAgent({ modules: { m: { createOptions: { Labels: Object.fromEntries(raws.map((raw) => [raw, 'v'])) } } } });
    const m = t.module('m');
    expect(codesOf(m.failures)).toEqual(raws.map(() => 'annotation-key-invalid'));
    expect(m.deployment.annotations).toEqual([]);
    for (const raw of raws) expect(sanitizeAnnotationKey(raw).ok).toBe(false);
  });

  test('SanitizeK8sValueTest', () => {
    expect(sanitizeK8sValue('$edgeAgent')).toBe('edgeagent');
    expect(sanitizeK8sValue('$edgeHub')).toBe('edgehub');
    // The C# null case: a module always has a name. Module names become Kubernetes names this way.
    const t = translateAgent({ modules: { '---a-0---': {}, '000': {} } });
    expect(t.module('---a-0---').name).toBe('---a-0---');
    expect(t.module('000').name).toBe('000');
    expect(t.module('edgeAgent').name).toBe('edgeagent');
    expect(t.module('edgeHub').name).toBe('edgehub');
  });

  test('SanitizeK8sValueFailTest', () => {
    const raw = longDnsDomain();
    expect(sanitizeK8sValue(raw).length).toBeGreaterThan(MAX_K8S_NAME);
    // The model leaves out module names with dots (IoT Hub rejects them): the same length with dashes.
    const name = raw.replaceAll('.', '-');
    const t = translateAgent({ modules: { [name]: {} } });
    expect(codesOf(t.module(name).failures)).toEqual(['name-too-long']);
  });

  test('SanitizeDnsValueTest', () => {
    for (const [expected, raw] of DNS_CASES) expect(sanitizeDnsValue(raw)).toEqual({ ok: true, name: expected });
  });

  test('SanitizeDnsValueFailTest', () => {
    // The C# null case has no counterpart: our callers always hold a string.
    for (const raw of [UPPER.repeat(7), 'ABCDEFGHI-'.repeat(6) + 'ABCDEFGHIJ', `${UPPER.repeat(6)}AB-------J`, '$$$$$$']) {
      expect(sanitizeDnsValue(raw).ok).toBe(false);
    }
  });

  test('SanitizeDnsLabelTest', () => {
    const cases: [string, string][] = [
      ...DNS_CASES,
      ['111111111', '111111111'],
    ];
    // Volume Mounts name their volume and claim with SanitizeDNSLabel of the Source.
    const mounts = cases.map(([, raw], index) => ({ Type: 'volume', Source: raw, Target: `/m${index}` }));
    const t = translateAgent({ modules: { m: { createOptions: { HostConfig: { Mounts: mounts } } } } });
    const m = t.module('m');
    expect(m.volumeMounts.map((mount) => mount.name)).toEqual(cases.map(([expected]) => expected));
    for (const [expected, raw] of cases) expect(sanitizeDnsLabel(raw)).toEqual({ ok: true, name: expected });
  });

  test('SanitizeDnsLabelFailTest', () => {
    const raws = [UPPER.repeat(7), 'ABCDEFGHI-'.repeat(6) + 'ABCDEFGHIJ', `${UPPER.repeat(6)}AB-------J`, '$$$$$$'];
    const mounts = raws.map((raw, index) => ({ Type: 'bind', Source: raw, Target: `/m${index}` }));
    const t = translateAgent({ modules: { m: { createOptions: { HostConfig: { Mounts: mounts } } } } });
    expect(codesOf(t.module('m').failures)).toEqual(raws.map(() => 'volume-name-invalid'));
    for (const raw of raws) expect(sanitizeDnsLabel(raw).ok).toBe(false);
  });

  test('SanitizeDNSDomainTest', () => {
    const cases: [string, string][] = [
      ['edgeagent', '$edgeAgent'],
      ['edgehub', '$edgeHub'],
      ['a-0.org', '---a-0---.org'],
      ['a-0---b.org', '---a-0---b.org'],
      [`${A_TO_J.repeat(5)}ab----------c.com`, `${UPPER.repeat(5)}AB----------C.com`],
    ];
    for (const [expected, raw] of cases) expect(sanitizeDnsDomain(raw)).toEqual({ ok: true, name: expected });
  });

  test('SanitizeDNSDomainFailTest', () => {
    for (const raw of [`${UPPER.repeat(6)}AB-------J.com`, longDnsDomain(), '', '     ', '$$$$.com', 'a.&&&&.org']) {
      expect(sanitizeDnsDomain(raw).ok).toBe(false);
    }
  });

  test('SanitizeLabelValueTest', () => {
    const cases: [string, string][] = [
      ['edgeagent', '$edgeAgent'],
      ['edgehub', '$edgeHub'],
      ['12device', '12device'],
      ['345hub-name.org', '345hub-name.org'],
      [`${A_TO_J.repeat(6)}abc`, `${UPPER.repeat(6)}ABC`],
      ['a-b_c.d', 'a$?/-b#@_c=+.d'],
      [`${A_TO_J.repeat(5)}ab----------c`, `${UPPER.repeat(5)}AB----------C`],
      ['zz', '$-._/zz$-._/'],
      ['z9', '$-._/z9$-._/'],
    ];
    for (const [expected, raw] of cases) expect(sanitizeLabelValue(raw)).toEqual({ ok: true, name: expected });
  });

  test('SanitizeLabelValueFailTest', () => {
    for (const raw of [`${UPPER.repeat(6)}ABCD`, `${UPPER.repeat(6)}AB-------J`, '', '    ', '$%^&']) {
      expect(sanitizeLabelValue(raw).ok).toBe(false);
    }
  });
});
