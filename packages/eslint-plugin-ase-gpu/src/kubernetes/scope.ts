import type { CreateOptions } from '../manifest/create-options.js';
import type { JSONNode, JSONObject } from '../manifest/json-ast.js';
import type { ModuleModel } from '../manifest/model.js';
import type { DeviceProfile } from '../settings/device-profile.js';
import type { IssueSink } from './issues.js';
import { innerOrigin } from './origin.js';
import type { Origin } from './types.js';

/** What every part of one module's translation works from. */
export interface ModuleScope {
  readonly module: ModuleModel;
  /** The sanitised module name. */
  readonly name: string;
  /** Parsed createOptions the agent applies (undefined when absent, empty, unparsable, or edgeAgent's). */
  readonly createOptions: CreateOptions | undefined;
  readonly root: JSONObject | undefined;
  readonly profile: DeviceProfile;
  readonly sink: IssueSink;
}

export function originIn(scope: ModuleScope, node: JSONNode): Origin {
  return innerOrigin(scope.module, scope.createOptions!, node);
}
