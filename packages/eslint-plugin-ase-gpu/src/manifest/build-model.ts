import { CreateOptions } from './create-options.js';
import {
  findProperty,
  isObject,
  isStringLiteral,
  keyName,
  objectAt,
  stringAt,
  type JSONExpression,
  type JSONObject,
  type JSONProgram,
  type JSONProperty,
} from './json-ast.js';
import type {
  EnvSectionEntry,
  ManifestKind,
  ManifestModel,
  ModuleModel,
  RegistryCredentialModel,
  RouteModel,
  SystemModuleName,
} from './model.js';
import { lastAtOrBefore } from './line-starts.js';
import { hasBracedPlaceholder } from './placeholders.js';
import { detectTextStyle } from './text-style.js';

/** An entry found at a path of a twin section, whether nested or written with dotted keys. */
interface Entry {
  readonly key: string;
  readonly property: JSONProperty;
  readonly value: JSONExpression;
  /** Reached through a dotted key. */
  readonly dotted: boolean;
}

/**
 * Entries whose full path is `path + [key]` below `object`, where keys may be nested objects or
 * flattened with dots (`"properties.desired.modules.x"`, the layered-deployment form).
 */
function entriesAt(object: JSONObject, path: readonly string[], depth = 0, dotted = false): Entry[] {
  const result: Entry[] = [];
  for (const property of object.properties) {
    const key = keyName(property);
    const segments = key.split('.');
    const common = Math.min(segments.length, path.length);
    let matches = true;
    for (let i = 0; i < common; i++) {
      if (segments[i] !== path[i]) {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    // `properties.desired` is the ordinary spelling; a dotted key that reaches further is the layered form.
    const isLayeredKey = dotted || (segments.length > 1 && depth + segments.length > 2);
    if (segments.length <= path.length) {
      // A loop, not push(...): spreading 130,000 modules as arguments overflows the stack.
      if (isObject(property.value)) for (const entry of entriesAt(property.value, path.slice(segments.length), depth + segments.length, isLayeredKey)) result.push(entry);
    } else if (segments.length === path.length + 1) {
      result.push({ key: segments[segments.length - 1]!, property, value: property.value, dotted: isLayeredKey });
    }
  }
  return result;
}

/** The object at a path, when it is written as one object (nested or dotted). */
function objectEntryAt(object: JSONObject | undefined, path: readonly string[]): JSONObject | undefined {
  if (!object || path.length === 0) return object;
  const entries = entriesAt(object, path.slice(0, -1)).filter((entry) => entry.key === path[path.length - 1]);
  const last = entries[entries.length - 1];
  return last && isObject(last.value) ? last.value : undefined;
}

/** `modulesContent`, legacy `moduleContent`, a top-level `$edgeAgent` or `content.modulesContent`. */
export function findManifestContent(root: JSONExpression | undefined): JSONObject | undefined {
  if (!isObject(root)) return undefined;
  const direct = objectAt(root, 'modulesContent') ?? objectAt(root, 'moduleContent');
  if (direct) return direct;
  const nested = objectAt(objectAt(root, 'content'), 'modulesContent');
  if (nested) return nested;
  if (findProperty(root, '$edgeAgent')) return root;
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `findManifestContent` on a value from JSON.parse (duplicate keys: the last wins in both): a file's
 * manifest-ness, decided without the positional tree. The two must recognise the same files.
 */
export function hasManifestContent(root: unknown): boolean {
  if (!isPlainObject(root)) return false;
  if (isPlainObject(root['modulesContent']) || isPlainObject(root['moduleContent'])) return true;
  const content = root['content'];
  if (isPlainObject(content) && isPlainObject(content['modulesContent'])) return true;
  return Object.hasOwn(root, '$edgeAgent');
}

export function detectManifestKind(filename: string, text: string, setting: string | undefined): ManifestKind {
  if (setting === 'template' || setting === 'deployment') return setting;
  const base = filename.replace(/^.*[\\/]/u, '').toLowerCase();
  if (base.includes('template')) return 'template';
  return hasBracedPlaceholder(text) ? 'template' : 'deployment';
}

function buildModule(entry: Entry, system: SystemModuleName | undefined, text: string): ModuleModel | undefined {
  if (!isObject(entry.value)) return undefined;
  const node = entry.value;
  const settings = objectAt(node, 'settings');
  const envSection = objectAt(node, 'env');
  const env: EnvSectionEntry[] = envSection
    ? envSection.properties.map((property) => ({
        name: keyName(property),
        property,
        value: isObject(property.value) ? findProperty(property.value, 'value')?.value : undefined,
      }))
    : [];
  return {
    name: system ?? entry.key,
    system,
    property: entry.property,
    node,
    layered: entry.dotted,
    settings,
    image: stringAt(settings, 'image'),
    createOptions: settings ? CreateOptions.fromSettings(settings, text) : undefined,
    env,
    envSection,
    type: findProperty(node, 'type'),
    status: findProperty(node, 'status'),
    restartPolicy: findProperty(node, 'restartPolicy'),
    imagePullPolicy: findProperty(node, 'imagePullPolicy'),
    startupOrder: findProperty(node, 'startupOrder'),
  };
}

export interface BuildOptions {
  readonly filename: string;
  readonly manifestKind?: string;
}

/** Builds the manifest model of a parsed file, or undefined when the file is not a deployment manifest. */
export function buildManifestModel(program: JSONProgram, text: string, options: BuildOptions): ManifestModel | undefined {
  const root = program.body[0]?.expression;
  const content = findManifestContent(root);
  if (!content || !root) return undefined;

  const edgeAgent = objectAt(content, '$edgeAgent');
  const edgeHub = objectAt(content, '$edgeHub');
  const edgeAgentDesired = objectEntryAt(edgeAgent, ['properties', 'desired']);
  const edgeHubDesired = objectEntryAt(edgeHub, ['properties', 'desired']);
  const desiredPath = ['properties', 'desired'];

  const modules: ModuleModel[] = [];
  let layered = !edgeAgentDesired;
  if (edgeAgent) {
    for (const entry of entriesAt(edgeAgent, [...desiredPath, 'systemModules'])) {
      const system = entry.key === 'edgeAgent' || entry.key === 'edgeHub' ? entry.key : undefined;
      const module = buildModule(entry, system, text);
      if (module) modules.push(module);
      if (entry.dotted) layered = true;
    }
    for (const entry of entriesAt(edgeAgent, [...desiredPath, 'modules'])) {
      const module = buildModule(entry, undefined, text);
      if (module) modules.push(module);
      if (entry.dotted) layered = true;
    }
  }

  const routes: RouteModel[] = edgeHub
    ? entriesAt(edgeHub, [...desiredPath, 'routes']).map((entry) => ({
        name: entry.key,
        property: entry.property,
        text: isStringLiteral(entry.value) ? entry.value : stringAt(isObject(entry.value) ? entry.value : undefined, 'route'),
      }))
    : [];
  if (edgeHub && entriesAt(edgeHub, desiredPath).some((entry) => entry.dotted)) layered = true;

  const credentialsObject = objectEntryAt(edgeAgent, [...desiredPath, 'runtime', 'settings', 'registryCredentials']);
  const registryCredentials: RegistryCredentialModel[] = credentialsObject
    ? credentialsObject.properties.map((property) => {
        const value = isObject(property.value) ? property.value : undefined;
        return { name: keyName(property), property, username: stringAt(value, 'username'), address: stringAt(value, 'address') };
      })
    : [];

  const modulesObject = objectEntryAt(edgeAgent, [...desiredPath, 'modules']);
  const kind = detectManifestKind(options.filename, text, options.manifestKind);
  // Module properties never overlap: sorted by start, the one holding an offset is found by binary search
  // (the CLI locates every finding of a 20 MB file this way).
  let byStart: { modules: ModuleModel[]; starts: number[] } | undefined;

  return {
    program,
    text,
    style: detectTextStyle(text),
    kind,
    layered,
    content,
    edgeAgent,
    edgeAgentDesired,
    edgeHubDesired,
    agentSchemaVersion: findProperty(edgeAgentDesired, 'schemaVersion'),
    hubSchemaVersion: findProperty(edgeHubDesired, 'schemaVersion'),
    modulesObject,
    modules,
    routes,
    registryCredentials,
    root,
    moduleAt(offset) {
      if (!byStart) {
        const sorted = [...modules].sort((a, b) => a.property.range[0] - b.property.range[0]);
        byStart = { modules: sorted, starts: sorted.map((module) => module.property.range[0]) };
      }
      const module = byStart.modules[lastAtOrBefore(byStart.starts, offset)];
      return module && offset >= module.property.range[0] && offset < module.property.range[1] ? module : undefined;
    },
    createOptionsPathAt(offset) {
      const module = this.moduleAt(offset);
      const createOptions = module?.createOptions;
      if (!module || !createOptions) return undefined;
      const decoded = createOptions.decodedOffsetAt(offset);
      if (decoded === undefined) return undefined;
      const node = createOptions.nodeAt(decoded);
      return node ? { module, path: createOptions.pathOf(node) } : undefined;
    },
  };
}
