import type { CreateOptions } from '../manifest/create-options.js';
import { formatPath } from '../manifest/format-path.js';
import type { JSONNode } from '../manifest/json-ast.js';
import type { ModuleModel } from '../manifest/model.js';
import type { Origin } from './types.js';

/** `modules.camera`, `systemModules.edgeHub`, `modules["my.module"]`. */
export function modulePath(module: ModuleModel): string {
  return formatPath([module.system ? 'systemModules' : 'modules', module.name]);
}

/** The module's key in the manifest. */
export function moduleOrigin(module: ModuleModel): Origin {
  return { range: module.property.key.range, path: modulePath(module) };
}

/** A node of the manifest itself, below the module (`status`, `settings.image`, `env.X`). */
export function outerOrigin(module: ModuleModel, node: JSONNode, path: readonly (string | number)[]): Origin {
  return { range: node.range, path: `${modulePath(module)}.${formatPath(path)}` };
}

/** A node inside createOptions, mapped to the file, with its path inside the decoded JSON. */
export function innerOrigin(module: ModuleModel, createOptions: CreateOptions, node: JSONNode): Origin {
  const target = node.type === 'JSONProperty' ? node.key : node;
  return {
    range: createOptions.fileRange(node),
    path: `${modulePath(module)}.settings.createOptions › ${formatPath(createOptions.pathOf(target))}`,
  };
}
