import type { CreateOptions } from '../manifest/create-options.js';
import { formatPath } from '../manifest/format-path.js';
import type { JSONNode } from '../manifest/json-ast.js';
import type { ModuleModel } from '../manifest/model.js';
import type { Origin } from './types.js';

/** `modules.camera`, `systemModules.edgeHub`, `modules["my.module"]`. */
export function modulePath(module: ModuleModel): string {
  return formatPath([module.system ? 'systemModules' : 'modules', module.name]);
}

/**
 * The translation traces every field it creates, but rules read the origin of only the few they report:
 * mapping a createOptions node to the file and spelling its path wait until someone asks, and are kept.
 */
abstract class LazyOrigin implements Origin {
  #range: readonly [number, number] | undefined;
  #path: string | undefined;

  get range(): readonly [number, number] {
    return (this.#range ??= this.computeRange());
  }

  get path(): string {
    return (this.#path ??= this.computePath());
  }

  protected abstract computeRange(): readonly [number, number];
  protected abstract computePath(): string;

  toJSON(): Origin {
    return { range: this.range, path: this.path };
  }
}

class ModuleOrigin extends LazyOrigin {
  constructor(private readonly module: ModuleModel) {
    super();
  }

  protected computeRange(): readonly [number, number] {
    return this.module.property.key.range;
  }

  protected computePath(): string {
    return modulePath(this.module);
  }
}

class OuterOrigin extends LazyOrigin {
  constructor(
    private readonly module: ModuleModel,
    private readonly node: JSONNode,
    private readonly segments: readonly (string | number)[],
  ) {
    super();
  }

  protected computeRange(): readonly [number, number] {
    return this.node.range;
  }

  protected computePath(): string {
    return `${modulePath(this.module)}.${formatPath(this.segments)}`;
  }
}

class InnerOrigin extends LazyOrigin {
  constructor(
    private readonly module: ModuleModel,
    private readonly createOptions: CreateOptions,
    private readonly node: JSONNode,
  ) {
    super();
  }

  protected computeRange(): readonly [number, number] {
    return this.createOptions.fileRange(this.node);
  }

  protected computePath(): string {
    const target = this.node.type === 'JSONProperty' ? this.node.key : this.node;
    return `${modulePath(this.module)}.settings.createOptions › ${formatPath(this.createOptions.pathOf(target))}`;
  }
}

/** The module's key in the manifest. */
export function moduleOrigin(module: ModuleModel): Origin {
  return new ModuleOrigin(module);
}

/** A node of the manifest itself, below the module (`status`, `settings.image`, `env.X`). */
export function outerOrigin(module: ModuleModel, node: JSONNode, path: readonly (string | number)[]): Origin {
  return new OuterOrigin(module, node, path);
}

/** A node inside createOptions, mapped to the file, with its path inside the decoded JSON. */
export function innerOrigin(module: ModuleModel, createOptions: CreateOptions, node: JSONNode): Origin {
  return new InnerOrigin(module, createOptions, node);
}
