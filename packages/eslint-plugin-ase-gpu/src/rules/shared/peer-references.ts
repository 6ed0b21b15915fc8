import type { EnvVar, ModuleTranslation, Protocol, Translation } from '../../kubernetes/types.js';
import { isStringLiteral } from '../../manifest/json-ast.js';
import type { ModuleModel } from '../../manifest/model.js';
import { isPlaceholder } from '../../manifest/placeholders.js';
import { envVarNode } from '../../fix/env-edits.js';

/**
 * Env values that reach another module as a host (`http://camera:8080/x`, `camera:554`, `BROKER_HOST=camera`),
 * shared by `module-names` (a raw name the agent changed: the host name does not exist) and
 * `reachable-peers` (the Service lacks that port, or there is none).
 */

/**
 * `name`, `name:port`, `scheme://[user@]name[:port][/path]`: a module name is letters, digits, `_` and
 * `-` (the deployment schema's module keys), so host names with a dot (external hosts) never match.
 */
const REFERENCE = /^(?:(?<scheme>[a-z][a-z0-9+.-]*):\/\/(?<user>[^@/\s]*@)?)?(?<host>[a-z0-9_-]+)(?::(?<port>\d{1,5}))?(?<rest>[/?#].*)?$/iu;

/** The ports clients of these schemes use when the reference names none. */
const SCHEME_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ws: 80, wss: 443, mqtt: 1883, mqtts: 8883, amqp: 5672, amqps: 5671 };

/** Words of a variable name that say its value is a host (`MQTT_IP`, `testResultCoordinatorUrl`, `AZURE_ML_HOSTNAME`). */
const HOST_WORDS = new Set(['host', 'hostname', 'addr', 'address', 'server', 'url', 'uri', 'endpoint', 'broker', 'ip']);

function namesAHost(variable: string): boolean {
  const words = variable.replace(/([a-z0-9])([A-Z])/gu, '$1_$2').toLowerCase().split(/[^a-z0-9]+/u);
  return words.some((word) => HOST_WORDS.has(word));
}

export interface Reference {
  readonly target: ModuleTranslation;
  /** The host as written. */
  readonly host: string;
  /** Offset of the host in the value. */
  readonly hostAt: number;
  readonly token: string;
  readonly port: number | undefined;
  readonly protocol: Protocol;
}

/** Other user modules by every spelling that names them: the raw id and the Service name, lower-case. */
function moduleIndex(translation: Translation): Map<string, ModuleTranslation> {
  const index = new Map<string, ModuleTranslation>();
  for (const translated of translation.modules) {
    // edgeHub is edgehub-ports' concern; a module whose createOptions do not parse has no judgeable Service.
    if (translated.module.system || translated.module.createOptions?.parseError) continue;
    index.set(translated.module.name.toLowerCase(), translated);
    index.set(translated.name, translated);
  }
  return index;
}

/** Whole-token references to other modules in one value. */
export function referencesIn(variable: EnvVar, self: ModuleTranslation, index: Map<string, ModuleTranslation>): Reference[] {
  if (isPlaceholder(variable.value)) return [];
  const result: Reference[] = [];
  for (const match of variable.value.matchAll(/[^\s,;]+/gu)) {
    const groups = REFERENCE.exec(match[0])?.groups;
    if (!groups) continue;
    const { scheme, user, host, port, rest } = groups;
    // A bare word is a host only where the variable says so (`TargetModuleId=receiver` names a module for messages).
    if (!scheme && (rest || (!port && !namesAHost(variable.name)))) continue;
    const target = index.get(host!.toLowerCase());
    if (!target || target === self) continue;
    const number = port === undefined ? (scheme ? SCHEME_PORTS[scheme.toLowerCase()] : undefined) : Number.parseInt(port, 10);
    if (number !== undefined && (number < 1 || number > 65535)) continue;
    const hostAt = match.index + (scheme ? scheme.length + 3 + (user?.length ?? 0) : 0);
    result.push({ target, host: host!, hostAt, token: match[0], port: number, protocol: scheme?.toLowerCase() === 'udp' ? 'UDP' : 'TCP' });
  }
  return result;
}

export function variableLabel(variable: EnvVar): string {
  return `${variable.source === 'env-section' ? 'env' : 'createOptions.Env'} ${variable.name}`;
}

/** Where a variable's value is written: the env section's string `value`, or the `NAME=value` element. */
export function valueRange(module: ModuleModel, variable: EnvVar): readonly [number, number] | undefined {
  const node = envVarNode(module, variable);
  if (!node) return undefined;
  if (node.source === 'create-options') return node.createOptions.fileRange(node.element);
  return isStringLiteral(node.entry.value) ? node.entry.value.range : undefined;
}

export interface PeerReference {
  readonly variable: EnvVar;
  readonly range: readonly [number, number];
  readonly reference: Reference;
}

const sharedReferences = new WeakMap<Translation, ReadonlyMap<ModuleTranslation, readonly PeerReference[]>>();

/** Every module's references to other modules, found once per translation for the two rules that ask. */
export function allPeerReferences(translation: Translation): ReadonlyMap<ModuleTranslation, readonly PeerReference[]> {
  let found = sharedReferences.get(translation);
  if (!found) {
    const index = moduleIndex(translation);
    const byModule = new Map<ModuleTranslation, readonly PeerReference[]>();
    for (const translated of translation.modules) {
      const references = peerReferences(translated, index);
      if (references.length > 0) byModule.set(translated, references);
    }
    found = byModule;
    sharedReferences.set(translation, found);
  }
  return found;
}

/** Every reference to another module in the user-written env of `translated`, once per target and port, with the value's range. */
function peerReferences(translated: ModuleTranslation, index: Map<string, ModuleTranslation>): PeerReference[] {
  const found: PeerReference[] = [];
  if (translated.module.system === 'edgeAgent') return found;
  for (const variable of translated.env) {
    if (variable.source === 'agent') continue;
    // Most values name no module: find references before mapping the value to the file.
    const references = referencesIn(variable, translated, index);
    if (references.length === 0) continue;
    const range = valueRange(translated.module, variable);
    if (!range) continue;
    const seen = new Set<string>();
    for (const reference of references) {
      const key = `${reference.target.name}:${reference.port ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ variable, range, reference });
    }
  }
  return found;
}
