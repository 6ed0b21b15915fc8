import type { PathSegment } from './create-options.js';

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/u;

/** `HostConfig.Binds[0]`, `k8s-experimental.resources` or `Labels["com.example"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(root)' : text;
}
