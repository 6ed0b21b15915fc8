import { getTranslation } from '../kubernetes/index.js';
import type { EnvVar, ModuleTranslation } from '../kubernetes/types.js';
import { isArray, isObject, isStringLiteral, keyName, type JSONExpression, type JSONStringLiteral } from '../manifest/json-ast.js';
import type { ManifestModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { valueRange } from './shared/peer-references.js';
import { createRule } from '../rule-harness/create-rule.js';
import { envElementAt } from '../fix/env-edits.js';
import { defineManifestVisitor, type ManifestTools } from '../rule-harness/manifest-rule.js';

type MessageIds = 'noEquals' | 'noName' | 'overridden' | 'bridgeGateway';

/**
 * The gateway of Docker's default bridge (172.17.0.1) and of the networks Docker creates next
 * (172.18.0.1 to 172.31.0.1): an IoT Edge module on Docker reached its host there.
 */
const BRIDGE_GATEWAY = /(?<![\d.])172\.(?:1[7-9]|2\d|3[01])\.0\.1(?![\d.])/u;

function bridgeGatewayIn(text: string): string | undefined {
  return BRIDGE_GATEWAY.exec(text)?.[0];
}

/** Env values with a bridge gateway address, reported at the value. */
function reportBridgeGatewayEnv(translation: ModuleTranslation, tools: ManifestTools<MessageIds>): void {
  const module = translation.module;
  for (const variable of translation.env) {
    if (variable.source === 'agent') continue;
    const address = bridgeGatewayIn(variable.value);
    if (!address) continue;
    const range = valueRange(module, variable);
    if (range) tools.report({ module, range, messageId: 'bridgeGateway', data: { module: module.name, where: `env ${variable.name}`, address } });
  }
}

function stringLeaves(node: JSONExpression | null, found: JSONStringLiteral[]): void {
  if (!node) return;
  if (isStringLiteral(node)) found.push(node);
  else if (isObject(node)) for (const property of node.properties) stringLeaves(property.value, found);
  else if (isArray(node)) for (const element of node.elements) stringLeaves(element, found);
}

/** Module twin sections (`modulesContent.<module>`): the configuration a module reads at run time. */
function reportBridgeGatewayTwins(model: ManifestModel, tools: ManifestTools<MessageIds>): void {
  const names = new Set(model.modules.filter((module) => !module.system).map((module) => module.name));
  for (const section of model.content.properties) {
    const name = keyName(section);
    if (!names.has(name)) continue;
    const leaves: JSONStringLiteral[] = [];
    stringLeaves(section.value, leaves);
    for (const leaf of leaves) {
      const address = bridgeGatewayIn(leaf.value);
      if (address) tools.report({ module: name, range: leaf.range, messageId: 'bridgeGateway', data: { module: name, where: 'twin configuration', address } });
    }
  }
}

function reportDroppedEntries(translation: ModuleTranslation, tools: ManifestTools<MessageIds>): void {
  const module = translation.module;
  const createOptions = module.createOptions;
  for (const dropped of translation.dropped) {
    if (dropped.code !== 'env-without-equals') continue;
    const entry = String(dropped.data.entry);
    if (isPlaceholder(entry)) continue;
    const element = envElementAt(createOptions, dropped.origin.range[0]);
    if (!createOptions || !element) continue;
    if (entry.length === 0 || entry.startsWith('=')) {
      tools.report({ module, range: dropped.origin.range, messageId: 'noName', data: { module: module.name, entry } });
      continue;
    }
    // Before the closing quote of the element: `NAME` becomes `NAME=`, what edgelet passed to Docker.
    const at = element.range[1] - 1;
    tools.report({
      module,
      range: dropped.origin.range,
      messageId: 'noEquals',
      data: { module: module.name, entry },
      fix: tools.fixFrom(tools.innerEdits(createOptions, [{ start: at, end: at, text: '=' }])),
    });
  }
}

/** How the message names the value the agent gives a variable. */
function agentValue(variable: EnvVar): string {
  return variable.deviceValue ? 'a value only the device knows' : `"${variable.value}"`;
}

/**
 * `createOptions.Env` entries the agent overrides. On the FPGA device edgelet's `merge_env` put Env on
 * top of its own variables, so these values were in force there; on the GPU device they are lost.
 * The env section lost to the system variables on both platforms: that is information, not a finding.
 */
function reportOverriddenEntries(translation: ModuleTranslation, tools: ManifestTools<MessageIds>): void {
  const module = translation.module;
  const agentVariables = new Map(translation.env.filter((variable) => variable.source === 'agent').map((variable) => [variable.name, variable]));
  for (const variable of translation.env) {
    if (variable.source !== 'create-options' || isPlaceholder(variable.name) || isPlaceholder(variable.value)) continue;
    const agent = agentVariables.get(variable.name);
    if (!agent) continue;
    // The same value: the module sees what it asked for.
    if (!agent.deviceValue && agent.value === variable.value) continue;
    tools.report({
      module,
      range: variable.origin.range,
      messageId: 'overridden',
      data: { module: module.name, name: variable.name, value: variable.value, agentValue: agentValue(agent) },
    });
  }
}

export default createRule<[], MessageIds>({
  name: 'valid-env',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require environment entries that the Kubernetes agent passes to the container as written, with addresses that exist on Kubernetes',
      recommended: 'warn',
      strict: 'warn',
      owns: ['ENV-NO-EQUALS', 'ENV-RESERVED'],
      fixPolicy: 'fix',
    },
    fixable: 'code',
    schema: [],
    messages: {
      noEquals:
        'Module "{{module}}": Env entry "{{entry}}" has no "=", so the GPU device drops it and the module starts without {{entry}}.',
      noName:
        'Module "{{module}}": Env entry "{{entry}}" has no name before "=", so the GPU device drops it.',
      bridgeGateway:
        'Module "{{module}}" uses the Docker bridge gateway {{address}} in its {{where}}, but the GPU device has no Docker bridge, so nothing answers there.',
      overridden:
        'Module "{{module}}" sets {{name}}="{{value}}" in createOptions.Env, but on the GPU device the agent\'s {{name}} ({{agentValue}}) wins.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        for (const translation of getTranslation(tools.model, tools.profile).modules) {
          reportDroppedEntries(translation, tools);
          reportOverriddenEntries(translation, tools);
          reportBridgeGatewayEnv(translation, tools);
        }
        reportBridgeGatewayTwins(tools.model, tools);
      },
    });
  },
});
