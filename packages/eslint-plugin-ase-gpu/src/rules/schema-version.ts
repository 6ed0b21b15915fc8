import { findProperty, isObject, isStringLiteral, isNumberLiteral, type JSONExpression, type JSONProperty } from '../manifest/json-ast.js';
import type { ManifestModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';

type MessageIds = 'agentMissing' | 'agentUnreadable' | 'agentMajor' | 'agentTooNew' | 'routeObjectTooOld' | 'mqttBrokerTooOld';

interface Version {
  readonly major: number;
  readonly minor: number;
  readonly text: string;
}

/** `"1.1"`, `"1.1.0"` or a JSON number; placeholders and other text cannot be judged. */
function readVersion(property: JSONProperty | undefined): Version | undefined {
  const value = property?.value;
  let text: string | undefined;
  if (isStringLiteral(value) && !isPlaceholder(value.value)) text = value.value.trim();
  else if (isNumberLiteral(value)) text = String(value.value);
  const match = text === undefined ? null : /^(\d+)\.(\d+)(?:\.\d+)?$/u.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]), text: text! } : undefined;
}

/**
 * `$edgeAgent` schemaVersion as the agent reads it (`EdgeAgentConnection.ValidateSchemaVersion`):
 * `System.Version.TryParse` (two to four non-negative numbers), then rejected when the major is not 1 or
 * the version is above 1.1.0. .NET counts a missing component as -1, so "1.1" is below "1.1.0" and
 * "1.1.0.0" above it.
 */
type AgentVersionCheck = { readonly ok: true } | { readonly ok: false; readonly messageId: 'agentUnreadable' | 'agentMajor' | 'agentTooNew' };

const ACCEPTED = [1, 1, 0, -1] as const;

function checkAgentVersion(text: string): AgentVersionCheck {
  const parts = text.split('.');
  if (parts.length < 2 || parts.length > 4 || !parts.every((part) => /^\d{1,9}$/u.test(part))) return { ok: false, messageId: 'agentUnreadable' };
  const numbers = [0, 1, 2, 3].map((index) => (index < parts.length ? Number(parts[index]) : -1));
  if (numbers[0] !== 1) return { ok: false, messageId: 'agentMajor' };
  for (let index = 1; index < 4; index++) {
    const accepted = ACCEPTED[index]!;
    if (numbers[index]! !== accepted) return numbers[index]! > accepted ? { ok: false, messageId: 'agentTooNew' } : { ok: true };
  }
  return { ok: true };
}

/** The text of the $edgeAgent schemaVersion as the agent receives it (a JSON number arrives as its text), or undefined for placeholders and other JSON. */
function agentVersionText(property: JSONProperty): string | undefined {
  const value = property.value;
  if (isStringLiteral(value)) return isPlaceholder(value.value) ? undefined : value.value;
  if (isNumberLiteral(value)) return String(value.value);
  return undefined;
}

/** Where a missing $edgeAgent schemaVersion is reported: the key that holds the desired properties. */
function desiredKeyRange(model: ManifestModel): readonly [number, number] | undefined {
  const desired = model.edgeAgentDesired;
  for (const property of model.edgeAgent?.properties ?? []) {
    if (property.value === desired) return property.key.range;
    if (isObject(property.value)) {
      const inner = property.value.properties.find((candidate) => candidate.value === desired);
      if (inner) return inner.key.range;
    }
  }
  return undefined;
}

const below = (version: Version, major: number, minor: number): boolean => version.major < major || (version.major === major && version.minor < minor);

/** Route objects `{ "route": ..., "priority": ..., "timeToLiveSecs": ... }` (schema 1.1 and later). */
const isRouteObject = (value: JSONExpression): boolean => isObject(value);

export default createRule<[], MessageIds>({
  name: 'schema-version',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the $edgeAgent and $edgeHub schema versions to support the features the manifest uses',
      recommended: 'error',
      strict: 'error',
      owns: ['SCHEMA-VERSION'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      agentMissing:
        'Module "edgeAgent": $edgeAgent has no schemaVersion, so the agent on the GPU device rejects the deployment and updates no module.',
      agentUnreadable:
        'Module "edgeAgent": $edgeAgent schemaVersion "{{version}}" is not a valid version, so the agent on the GPU device rejects the deployment and updates no module.',
      agentMajor:
        'Module "edgeAgent": $edgeAgent schemaVersion "{{version}}" is not 1.x, so the agent on the GPU device rejects the deployment and updates no module.',
      agentTooNew:
        'Module "edgeAgent": $edgeAgent schemaVersion "{{version}}" is above 1.1.0, so the agent on the GPU device rejects the deployment and updates no module.',
      routeObjectTooOld:
        'Module "edgeHub": route "{{route}}" is an object, which needs $edgeHub schemaVersion 1.1, not "{{version}}", so on the GPU device no route applies.',
      mqttBrokerTooOld:
        'Module "edgeHub": mqttBroker needs $edgeHub schemaVersion 1.2, not "{{version}}", so on the GPU device edgeHub rejects its settings and no route applies.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        const { model } = tools;
        const agentProperty = model.agentSchemaVersion;
        if (agentProperty) {
          const text = agentVersionText(agentProperty);
          const check = text === undefined ? undefined : checkAgentVersion(text);
          if (check && !check.ok) tools.report({ module: 'edgeAgent', range: agentProperty.value.range, messageId: check.messageId, data: { version: text } });
        } else if (!model.layered) {
          // A layered fragment takes its schemaVersion from the base deployment.
          const range = desiredKeyRange(model);
          if (range) tools.report({ module: 'edgeAgent', range, messageId: 'agentMissing', data: {} });
        }
        const hubVersion = readVersion(model.hubSchemaVersion);
        if (!hubVersion) return;
        if (below(hubVersion, 1, 1)) {
          for (const route of model.routes) {
            if (!isRouteObject(route.property.value)) continue;
            tools.report({ module: 'edgeHub', range: route.property.key.range, messageId: 'routeObjectTooOld', data: { route: route.name, version: hubVersion.text } });
          }
        }
        const broker = findProperty(model.edgeHubDesired, 'mqttBroker');
        if (broker && below(hubVersion, 1, 2)) {
          tools.report({ module: 'edgeHub', range: broker.key.range, messageId: 'mqttBrokerTooOld', data: { version: hubVersion.text } });
        }
      },
    });
  },
});
