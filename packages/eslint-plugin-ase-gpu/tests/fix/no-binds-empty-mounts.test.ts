import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

// Regression: --fix moved two Binds into an empty Mounts without a comma between the two Mounts,
// writing createOptions the agent cannot parse. The whole manifest after the fix must be exact, in
// every encoding, including with members around Binds and Mounts.

const mount = (path: string) => ({ Type: 'bind', Source: path, Target: path });

/** The string and chunked forms after the fix (one that crosses the 40-character test chunks rewrites them into one string). */
function fixedString(options: unknown, encoding: Encoding): string {
  return buildManifest({ modules: { camera: { createOptions: options, encoding: 'string' } } }, encoding).code;
}

function emptyMountsCase(encoding: Encoding, paths: readonly string[], around: Record<string, unknown>) {
  const [before, after] = [Object.entries(around).slice(0, 1), Object.entries(around).slice(1)];
  const options = { HostConfig: { ...Object.fromEntries(before), Binds: paths.map((path) => `${path}:${path}`), Mounts: [], ...Object.fromEntries(after) } };
  const built = buildManifest({ modules: { camera: { createOptions: options } } }, encoding);
  const mounts = paths.map(mount);
  const fixed = { HostConfig: { ...Object.fromEntries(before), Mounts: mounts, ...Object.fromEntries(after) } };
  // In a laid-out file an empty array receives its elements on one line, as JSON.stringify writes them.
  const oneLine = JSON.stringify(mounts);
  return {
    name: `${paths.length} Binds move into an empty Mounts, each Mount separated (${encoding}, neighbours: ${Object.keys(around).join(', ') || 'none'})`,
    code: built.code,
    filename: built.filename,
    output: encoding === 'object' ? built.code.replace(/"Binds": \[[^\]]*\],\s*"Mounts": \[\]/u, `"Mounts": ${oneLine}`) : fixedString(fixed, encoding),
    errors: paths.map((path) => ({ messageId: 'hostPathBind', data: { module: 'camera', hostPath: path, containerPath: path }, ...built.at('camera', `"${path}:${path}"`) })),
  };
}

runRuleTests('no-binds', {
  valid: [],
  invalid: ENCODINGS.flatMap((encoding) => [
    emptyMountsCase(encoding, ['/a', '/b'], {}),
    emptyMountsCase(encoding, ['/a', '/b', '/c'], { Privileged: true, ShmSize: 1024 }),
  ]),
});
