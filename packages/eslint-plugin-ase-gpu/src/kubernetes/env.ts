import { isArray, isStringLiteral, staticValue } from '../manifest/json-ast.js';
import { newtonsoftString } from './coerce.js';
import { findProperty } from '../manifest/json-ast.js';
import type { ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { moduleOrigin, outerOrigin } from './origin.js';
import { originIn, type ModuleScope } from './scope.js';
import type { EnvVar, Origin } from './types.js';
import { isValidEnvName } from './validation.js';

/** The value an env section entry gives (`{ "value": ... }`), read as the agent's string: `true` → `True`. */
function sectionValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return newtonsoftString(value) ?? JSON.stringify(value);
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

const AGENT_BY_NAME = new Map(AGENT_VARIABLES.map((variable) => [variable.name, variable]));

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
  const env = userEnv(scope, includeSection);
  const userCount = env.length;
  const minor = scope.profile.kubernetesMinor;
  let userSetsLogLevel = false;
  for (let i = 0; i < userCount; i++) {
    const variable = env[i]!;
    if (!isValidEnvName(variable.name, minor) && !isPlaceholder(variable.name)) {
      scope.sink.fail('env-name-invalid', variable.origin, `The env name "${variable.name}" is not valid on Kubernetes ${scope.profile.kubernetesVersion}; the API server rejects the Deployment.`, { name: variable.name, kubernetesVersion: scope.profile.kubernetesVersion });
    }
    if (ADDED_IF_ABSENT.has(variable.name)) userSetsLogLevel = true;
  }
  const origin: Origin = moduleOrigin(scope.module);
  const added = (variable: AgentVariable): boolean =>
    !(variable.name === 'IOTEDGE_GATEWAYHOSTNAME' && scope.module.system) && !(ADDED_IF_ABSENT.has(variable.name) && userSetsLogLevel);
  for (const variable of AGENT_VARIABLES) {
    if (added(variable)) env.push({ name: variable.name, value: variable.value(scope.module), source: 'agent', deviceValue: variable.deviceValue, origin });
  }
  for (let i = 0; i < userCount; i++) {
    const variable = env[i]!;
    const agent = AGENT_BY_NAME.get(variable.name);
    if (agent && added(agent)) {
      scope.sink.drop('env-overridden', variable.origin, `The agent sets ${variable.name} itself after the module's env, and Kubernetes keeps the last value: this one is overridden.`, { name: variable.name });
    }
  }
  // The module's variables first, then the agent's (its order, domain section 7).
  return env;
}
