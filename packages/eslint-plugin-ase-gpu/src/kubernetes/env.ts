import { isArray, isStringLiteral, staticValue } from '../manifest/json-ast.js';
import { findProperty } from '../manifest/json-ast.js';
import type { ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { moduleOrigin, outerOrigin } from './origin.js';
import { originIn, type ModuleScope } from './scope.js';
import type { EnvVar, Origin } from './types.js';
import { isValidEnvName } from './validation.js';

/** The value an env section entry gives (`{ "value": ... }`), as the container sees it. */
function sectionValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface AgentVariable {
  readonly name: string;
  readonly value: (module: ModuleModel) => string;
  readonly deviceValue: boolean;
}

/** The agent's own variables, in its order (domain section 7); `<...>` values are known only on the device. */
const AGENT_VARIABLES: readonly AgentVariable[] = [
  { name: 'IOTEDGE_IOTHUBHOSTNAME', value: () => '<IoT Hub host name>', deviceValue: true },
  { name: 'IOTEDGE_AUTHSCHEME', value: () => 'sasToken', deviceValue: false },
  { name: 'RuntimeLogLevel', value: () => '<agent log level>', deviceValue: true },
  { name: 'IOTEDGE_WORKLOADURI', value: () => 'http://localhost:35001', deviceValue: false },
  { name: 'IOTEDGE_MODULEGENERATIONID', value: () => '<module generation id>', deviceValue: true },
  { name: 'IOTEDGE_DEVICEID', value: () => '<device id>', deviceValue: true },
  { name: 'IOTEDGE_MODULEID', value: (module) => (module.system ? `$${module.system}` : module.name), deviceValue: false },
  { name: 'IOTEDGE_APIVERSION', value: () => '<workload API version>', deviceValue: true },
  { name: 'EdgeDeviceHostName', value: () => '<device host name>', deviceValue: true },
  { name: 'IOTEDGE_GATEWAYHOSTNAME', value: () => 'edgehub', deviceValue: false },
];

/** Added only when the module does not set it. */
const ADDED_IF_ABSENT = new Set(['RuntimeLogLevel']);

function userEnv(scope: ModuleScope, includeSection: boolean): EnvVar[] {
  const result: EnvVar[] = [];
  if (includeSection) {
    for (const entry of scope.module.env) {
      result.push({ name: entry.name, value: sectionValue(staticValue(entry.value)), source: 'env-section', deviceValue: false, origin: outerOrigin(scope.module, entry.property.key, ['env', entry.name]) });
    }
  }
  const list = findProperty(scope.root, 'Env', { ignoreCase: true })?.value;
  if (isArray(list)) {
    for (const item of list.elements) {
      if (!isStringLiteral(item)) continue;
      const origin = originIn(scope, item);
      const equals = item.value.indexOf('=');
      if (equals <= 0) {
        scope.sink.drop('env-without-equals', origin, `The Env entry "${item.value}" has no name=value form, so the agent drops it.`, { entry: item.value });
        continue;
      }
      result.push({ name: item.value.slice(0, equals), value: item.value.slice(equals + 1), source: 'create-options', deviceValue: false, origin });
    }
  }
  return result;
}

export function translateEnv(scope: ModuleScope, includeSection: boolean): EnvVar[] {
  const user = userEnv(scope, includeSection);
  const minor = scope.profile.kubernetesMinor;
  for (const variable of user) {
    if (!isValidEnvName(variable.name, minor) && !isPlaceholder(variable.name)) {
      scope.sink.fail('env-name-invalid', variable.origin, `The env name "${variable.name}" is not valid on Kubernetes ${scope.profile.kubernetesVersion}; the API server rejects the Deployment.`, { name: variable.name, kubernetesVersion: scope.profile.kubernetesVersion });
    }
  }
  const userNames = new Set(user.map((variable) => variable.name));
  const origin: Origin = moduleOrigin(scope.module);
  const agent: EnvVar[] = AGENT_VARIABLES.filter((variable) => {
    if (variable.name === 'IOTEDGE_GATEWAYHOSTNAME' && scope.module.system) return false;
    return !(ADDED_IF_ABSENT.has(variable.name) && userNames.has(variable.name));
  }).map((variable) => ({ name: variable.name, value: variable.value(scope.module), source: 'agent', deviceValue: variable.deviceValue, origin }));
  const agentNames = new Set(agent.map((variable) => variable.name));
  for (const variable of user) {
    if (agentNames.has(variable.name)) {
      scope.sink.drop('env-overridden', variable.origin, `The agent sets ${variable.name} itself after the module's env, and Kubernetes keeps the last value: this one is overridden.`, { name: variable.name });
    }
  }
  return [...user, ...agent];
}
