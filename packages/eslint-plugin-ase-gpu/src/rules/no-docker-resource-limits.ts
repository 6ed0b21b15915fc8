import { cgroupLimitName, DOCKER_CGROUP_LIMITS } from '../docker/cgroup-limits.js';
import { removeProperties } from '../fix/json-edits.js';
import { mergeIntoCreateOptions } from '../fix/merge-object.js';
import { cpuQuotaToMillicores, cpuSharesToMillicores, formatBytes, formatMillicores, nanoCpusToMillicores, parseQuantity } from '../kubernetes/quantities.js';
import type { CreateOptions, InnerEdit } from '../manifest/create-options.js';
import { hostConfig } from '../manifest/host-config.js';
import { isNumberLiteral, isStringLiteral, keyName, staticValue, valueText, type JSONExpression, type JSONProperty } from '../manifest/json-ast.js';
import { K8S_SECTION, k8sResourceEntries } from '../manifest/k8s-experimental.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type ManifestTools, type Suggestion } from '../rule-harness/manifest-rule.js';
import { appliedCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds =
  | 'ignoredExact'
  | 'ignoredAlreadySet'
  | 'ignoredByHand'
  | 'ignoredShares'
  | 'noEquivalent'
  | 'moveToKubernetes'
  | 'keepKubernetesValue'
  | 'useDockerValue';

type Target = 'limits.memory' | 'requests.memory' | 'limits.cpu' | 'requests.cpu';

const MEANING: Readonly<Record<string, string>> = {
  Memory: 'memory limit',
  MemoryReservation: 'memory reservation',
  NanoCpus: 'CPU limit',
  CpuQuota: 'CPU limit',
  CpuShares: 'CPU weight',
};

/** A value that sets nothing on Docker either (0, -1 for "unlimited", false, empty): nothing is lost. */
function setsNothing(value: JSONExpression): boolean {
  const plain = staticValue(value);
  if (plain === null || plain === false || plain === '') return true;
  if (typeof plain === 'number') return plain <= 0;
  if (Array.isArray(plain)) return plain.length === 0;
  if (typeof plain === 'object') return Object.keys(plain as object).length === 0;
  return false;
}

function wholeNumber(value: JSONExpression | undefined): number | undefined {
  return isNumberLiteral(value) && Number.isSafeInteger(value.value) ? value.value : undefined;
}

function describeValue(value: JSONExpression): string {
  return isStringLiteral(value) ? JSON.stringify(value.value) : valueText(value);
}

interface Conversion {
  /** The Kubernetes quantity, when the Docker value converts to one. */
  readonly quantity: string | undefined;
  /** The same value in base units (bytes or cores), to compare with a value already there. */
  readonly amount: number | undefined;
  /** Why there is no quantity. */
  readonly why: string;
}

function convert(field: string, value: JSONExpression, period: JSONProperty | undefined): Conversion {
  const number = wholeNumber(value);
  if (number === undefined) return { quantity: undefined, amount: undefined, why: 'the value is not a plain number, so it cannot be converted here' };
  if (field === 'Memory' || field === 'MemoryReservation') return { quantity: formatBytes(number), amount: number, why: '' };
  let millicores: number | undefined;
  if (field === 'NanoCpus') millicores = nanoCpusToMillicores(number);
  else if (field === 'CpuShares') millicores = cpuSharesToMillicores(number);
  else {
    const periodValue = period ? wholeNumber(period.value) : undefined;
    if (period && periodValue === undefined) return { quantity: undefined, amount: undefined, why: 'CpuPeriod is not a plain number, so it cannot be converted here' };
    // A period of 0 is Docker's default period.
    millicores = cpuQuotaToMillicores(number, periodValue || undefined);
  }
  if (millicores === undefined) return { quantity: undefined, amount: undefined, why: 'Kubernetes counts CPU in whole millicores and this value is not one' };
  return { quantity: formatMillicores(millicores), amount: millicores / 1000, why: '' };
}

function resourceEntry(createOptions: CreateOptions, target: Target): JSONProperty | undefined {
  const [kind, name] = target.split('.') as ['limits' | 'requests', string];
  // The resource name is case-sensitive for Kubernetes; the last entry is the one that applies.
  return k8sResourceEntries(createOptions, kind).filter((entry) => keyName(entry) === name).pop();
}

function amountOf(property: JSONProperty | undefined): number | undefined {
  const value = property ? staticValue(property.value) : undefined;
  return typeof value === 'string' || typeof value === 'number' ? parseQuantity(value) : undefined;
}

/** The same amount, to the precision Kubernetes keeps (whole bytes, whole millicores). */
function sameAmount(a: number, b: number, target: Target): boolean {
  return target.endsWith('cpu') ? Math.round(a * 1000) === Math.round(b * 1000) : a === b;
}

/** Setting a limit below the request (or a request above the limit) makes Kubernetes reject the pod. */
function contradictsCounterpart(createOptions: CreateOptions, target: Target, amount: number): boolean {
  const [kind, name] = target.split('.') as ['limits' | 'requests', string];
  const counterpart = amountOf(resourceEntry(createOptions, `${kind === 'limits' ? 'requests' : 'limits'}.${name}` as Target));
  if (counterpart === undefined) return false;
  return kind === 'limits' ? counterpart > amount : counterpart < amount;
}

function existingText(property: JSONProperty): string {
  return valueText(property.value);
}

export default createRule<[], MessageIds>({
  name: 'no-docker-resource-limits',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Docker cgroup limits in HostConfig, which the Kubernetes agent ignores',
      recommended: 'warn',
      strict: 'error',
      owns: ['RES-DOCKER-LIMITS-IGNORED'],
      fixPolicy: 'fix+suggestion',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      ignoredExact:
        'Module "{{module}}": the GPU device ignores HostConfig.{{field}} {{value}} (no {{meaning}}). Set k8s-experimental.resources.{{target}} "{{quantity}}".',
      ignoredAlreadySet:
        'Module "{{module}}": the GPU device ignores HostConfig.{{field}} {{value}} ("{{quantity}}") and applies k8s-experimental.resources.{{target}} "{{existing}}".',
      ignoredByHand:
        'Module "{{module}}": the GPU device ignores HostConfig.{{field}} (no {{meaning}}). Set k8s-experimental.resources.{{target}} by hand ({{why}}).',
      ignoredShares:
        'Module "{{module}}": the GPU device ignores HostConfig.CpuShares {{value}}; the nearest setting is the CPU request resources.requests.cpu "{{quantity}}".',
      noEquivalent:
        'Module "{{module}}": the GPU device ignores HostConfig.{{field}}, which k8s-experimental cannot express, so the module runs without it.',
      moveToKubernetes: 'Set k8s-experimental.resources.{{target}} to "{{quantity}}" and remove HostConfig.{{field}}.',
      keepKubernetesValue: 'Remove HostConfig.{{field}} and keep k8s-experimental.resources.{{target}} "{{existing}}".',
      useDockerValue: 'Set k8s-experimental.resources.{{target}} to "{{quantity}}" (the Docker value) and remove HostConfig.{{field}}.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const applied = appliedCreateOptions(module);
        if (!applied) return;
        const { createOptions, root } = applied;
        const host = hostConfig(createOptions);
        if (!host) return;
        // The last of duplicate members is the one the agent reads.
        const effective = new Map<string, JSONProperty>();
        for (const property of host.properties) {
          const name = cgroupLimitName(keyName(property));
          if (name) effective.set(name, property);
        }
        const data = (field: string, extra: Record<string, unknown>) => ({ module: module.name, field, ...extra });
        for (const property of host.properties) {
          const field = cgroupLimitName(keyName(property));
          if (!field || effective.get(field) !== property || field === 'CpuPeriod' || setsNothing(property.value)) continue;
          const translation = DOCKER_CGROUP_LIMITS[field]!;
          const range = createOptions.fileRange(property.key);
          if (translation.kind === 'none') {
            tools.report({ module, range, messageId: 'noEquivalent', data: data(field, {}) });
            continue;
          }
          const target: Target = translation.target;
          const period = field === 'CpuQuota' ? effective.get('CpuPeriod') : undefined;
          const conversion = convert(field, property.value, period && !setsNothing(period.value) ? period : undefined);
          const value = describeValue(property.value) + (period && !setsNothing(period.value) ? ` (CpuPeriod ${describeValue(period.value)})` : '');
          if (conversion.quantity === undefined || conversion.amount === undefined) {
            tools.report({ module, range, messageId: 'ignoredByHand', data: data(field, { meaning: MEANING[field], target, why: conversion.why }) });
            continue;
          }
          const moved = new Set([property, ...(period ? [period] : [])]);
          const removal = removeProperties(host, moved);
          const details = { value, meaning: MEANING[field], target, quantity: conversion.quantity };
          const existing = resourceEntry(createOptions, target);
          if (existing) {
            reportAlreadySet(tools, createOptions, { module, range, field, target, removal, existing, conversion, details: data(field, details) });
            continue;
          }
          const [kind, name] = target.split('.') as [string, string];
          const merge = mergeIntoCreateOptions(tools.innerDocument(createOptions), root, { [K8S_SECTION]: { resources: { [kind]: { [name]: conversion.quantity } } } });
          const edits = merge ? tools.innerEdits(createOptions, [...removal, ...merge]) : null;
          const safe = translation.kind === 'exact' && !contradictsCounterpart(createOptions, target, conversion.amount);
          if (translation.kind === 'exact') {
            tools.report({
              module,
              range,
              messageId: 'ignoredExact',
              data: data(field, details),
              fix: safe ? tools.fixFrom(edits) : null,
              suggest: safe ? [] : [suggestion(tools, 'moveToKubernetes', data(field, details), edits)],
            });
          } else {
            tools.report({ module, range, messageId: 'ignoredShares', data: data(field, details), suggest: [suggestion(tools, 'moveToKubernetes', data(field, details), edits)] });
          }
        }
      },
    });
  },
});

function suggestion(
  tools: ManifestTools<MessageIds>,
  messageId: MessageIds,
  data: Record<string, unknown>,
  edits: ReturnType<ManifestTools<MessageIds>['innerEdits']>,
): Suggestion<MessageIds> | null {
  const fix = tools.fixFrom(edits);
  return fix ? { messageId, data, fix } : null;
}

interface AlreadySet {
  readonly module: Parameters<ManifestTools<MessageIds>['report']>[0]['module'];
  readonly range: readonly [number, number];
  readonly field: string;
  readonly target: Target;
  readonly removal: InnerEdit[];
  readonly existing: JSONProperty;
  readonly conversion: Conversion;
  readonly details: Record<string, unknown>;
}

/**
 * A Kubernetes value is already there: never overwrite it. When it equals the Docker value, removing
 * the Docker field changes nothing on the device and is the fix; otherwise the user chooses.
 */
function reportAlreadySet(tools: ManifestTools<MessageIds>, createOptions: CreateOptions, finding: AlreadySet): void {
  const { module, range, field, target, removal, existing, conversion } = finding;
  const data = { ...finding.details, existing: existingText(existing) };
  const removeOnly = tools.innerEdits(createOptions, removal);
  const existingAmount = amountOf(existing);
  const exact = DOCKER_CGROUP_LIMITS[field]!.kind === 'exact';
  if (exact && existingAmount !== undefined && sameAmount(existingAmount, conversion.amount!, target)) {
    tools.report({ module, range, messageId: 'ignoredAlreadySet', data, fix: tools.fixFrom(removeOnly) });
    return;
  }
  const replace = tools.innerEdits(createOptions, [...removal, { start: existing.value.range[0], end: existing.value.range[1], text: JSON.stringify(conversion.quantity) }]);
  tools.report({
    module,
    range,
    messageId: exact ? 'ignoredAlreadySet' : 'ignoredShares',
    data,
    suggest: [suggestion(tools, 'keepKubernetesValue', data, removeOnly), suggestion(tools, 'useDockerValue', data, replace)],
  });
}
