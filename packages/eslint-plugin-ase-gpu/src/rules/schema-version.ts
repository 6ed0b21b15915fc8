import { findProperty, isObject, isStringLiteral, isNumberLiteral, type JSONExpression, type JSONProperty } from '../manifest/json-ast.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../util/create-rule.js';
import { defineManifestVisitor } from '../util/manifest-rule.js';

type MessageIds = 'agentTooNew' | 'routeObjectTooOld' | 'mqttBrokerTooOld';

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
      agentTooNew:
        'Module "edgeAgent": $edgeAgent schemaVersion "{{version}}" is above 1.1, the highest the agent reads. The agent on the GPU device (as on every IoT Edge device of its generation) rejects the deployment, so no module is updated; set schemaVersion to "1.1".',
      routeObjectTooOld:
        'Module "edgeHub": route "{{route}}" is written as an object (priority, timeToLiveSecs), which edgeHub reads only from $edgeHub schemaVersion 1.1, but the schemaVersion is "{{version}}". edgeHub rejects its desired properties, on the GPU device as elsewhere, and no route applies; set $edgeHub schemaVersion to "1.1" or write the route as a string.',
      mqttBrokerTooOld:
        'Module "edgeHub": mqttBroker is read only from $edgeHub schemaVersion 1.2, but the schemaVersion is "{{version}}". edgeHub rejects its desired properties, on the GPU device as elsewhere, and no route applies; set schemaVersion to "1.2" with an edgeHub image of 1.2 or later, or remove mqttBroker.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        const { model } = tools;
        const agentVersion = readVersion(model.agentSchemaVersion);
        if (agentVersion && !below(agentVersion, 1, 2)) {
          tools.report({ module: 'edgeAgent', range: model.agentSchemaVersion!.value.range, messageId: 'agentTooNew', data: { version: agentVersion.text } });
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
