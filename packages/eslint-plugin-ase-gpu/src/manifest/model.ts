import type { CreateOptions } from './create-options.js';
import type { JSONExpression, JSONNode, JSONObject, JSONProgram, JSONProperty, JSONStringLiteral } from './json-ast.js';
import type { TextStyle } from './text-style.js';

export type ManifestKind = 'deployment' | 'template';
export type SystemModuleName = 'edgeAgent' | 'edgeHub';

/** An entry of a module's `env` section: `"NAME": { "value": ... }`. */
export interface EnvSectionEntry {
  readonly name: string;
  readonly property: JSONProperty;
  /** The `value` node, when present. */
  readonly value: JSONExpression | undefined;
}

export interface ModuleModel {
  /** The module id as IoT Hub knows it (`edgeAgent`, `edgeHub` for the system modules). */
  readonly name: string;
  readonly system: SystemModuleName | undefined;
  /** The property that declares the module (its key is the module name). */
  readonly property: JSONProperty;
  readonly node: JSONObject;
  /** Declared through a layered deployment's dotted key (`properties.desired.modules.x`). */
  readonly layered: boolean;
  readonly settings: JSONObject | undefined;
  readonly image: JSONStringLiteral | undefined;
  readonly createOptions: CreateOptions | undefined;
  readonly env: readonly EnvSectionEntry[];
  readonly envSection: JSONObject | undefined;
  readonly type: JSONProperty | undefined;
  readonly status: JSONProperty | undefined;
  readonly restartPolicy: JSONProperty | undefined;
  readonly imagePullPolicy: JSONProperty | undefined;
  readonly startupOrder: JSONProperty | undefined;
}

export interface RouteModel {
  readonly name: string;
  readonly property: JSONProperty;
  /** The route text node: the string itself, or the `route` member of a route object. */
  readonly text: JSONStringLiteral | undefined;
}

export interface RegistryCredentialModel {
  readonly name: string;
  readonly property: JSONProperty;
  readonly username: JSONStringLiteral | undefined;
  readonly address: JSONStringLiteral | undefined;
}

export interface ManifestModel {
  readonly program: JSONProgram;
  readonly text: string;
  readonly style: TextStyle;
  readonly kind: ManifestKind;
  /** A layered deployment (dotted keys or no complete `$edgeAgent` desired properties): a fragment. */
  readonly layered: boolean;
  /** `modulesContent` (or the object playing its part). */
  readonly content: JSONObject;
  readonly edgeAgent: JSONObject | undefined;
  readonly edgeAgentDesired: JSONObject | undefined;
  readonly edgeHubDesired: JSONObject | undefined;
  readonly agentSchemaVersion: JSONProperty | undefined;
  readonly hubSchemaVersion: JSONProperty | undefined;
  /** The object that holds user modules (`properties.desired.modules`), when declared as one. */
  readonly modulesObject: JSONObject | undefined;
  readonly modules: readonly ModuleModel[];
  readonly routes: readonly RouteModel[];
  readonly registryCredentials: readonly RegistryCredentialModel[];
  /** The module whose declaration holds a file offset. */
  moduleAt(offset: number): ModuleModel | undefined;
  /** The module and createOptions path at a file offset (for output that names the field). */
  createOptionsPathAt(offset: number): { module: ModuleModel; path: (string | number)[] } | undefined;
  /** Every node of the file, for rules that look at the manifest text itself. */
  readonly root: JSONNode;
}
