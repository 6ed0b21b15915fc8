#!/usr/bin/env node
/**
 * The agent's translation tests that our conformance suite mirrors: every [Fact] / [Theory] method of
 * the listed test classes of the Kubernetes agent (beta15). Reads ../shared when it is present.
 *
 *   node tools/conformance-methods.mjs          rewrites test/conformance/agent-methods.json
 *   node tools/conformance-methods.mjs --check  exits 1 when the checked-in list differs from the C# files
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TEST_PROJECT = join(root, '..', 'shared', 'reference', 'iotedge-k8s-beta15', 'edge-agent', 'test', 'Microsoft.Azure.Devices.Edge.Agent.Kubernetes.Test');
export const LIST = join(root, 'test', 'conformance', 'agent-methods.json');

/** The test classes of the translation (issue 12), relative to the test project. */
export const CLASS_FILES = [
  'KubeUtilsTest.cs',
  'KubernetesDeploymentMapperTest.cs',
  'edgedeployment/service/KubernetesServiceMapperTest.cs',
  'edgedeployment/pvc/KubernetesPvcMapperTest.cs',
  'KubernetesServiceAccountMapperTest.cs',
  'KubernetesExperimentalPodParametersTest.cs',
  'CombinedKubernetesConfigProviderTest.cs',
  'PortAndProtocolTest.cs',
  'ImagePullSecretNameTest.cs',
  'ResourceNameTest.cs',
];

const ATTRIBUTE = /^\s*\[(Fact|Theory)\b/u;
const METHOD = /^\s*public\s+(?:static\s+)?(?:async\s+)?[\w<>]+\s+(\w+)\s*\(/u;

/** The test methods of one C# file, in file order: a [Fact]/[Theory] attribute, then the next method. */
export function scanMethods(text) {
  const methods = [];
  let pending = false;
  for (const line of text.split(/\r?\n/u)) {
    if (ATTRIBUTE.test(line)) {
      pending = true;
      continue;
    }
    if (!pending) continue;
    const match = METHOD.exec(line);
    if (match) {
      methods.push(match[1]);
      pending = false;
    }
  }
  return methods;
}

/** Every method of the listed classes, read from the C# test project. */
export function scanAll(project = TEST_PROJECT) {
  return CLASS_FILES.flatMap((file) => {
    const className = file.split('/').pop().replace(/\.cs$/u, '');
    return scanMethods(readFileSync(join(project, file), 'utf8')).map((method) => ({ class: className, file, method }));
  });
}

function main() {
  if (!existsSync(TEST_PROJECT)) {
    console.error(`The agent's test project is not at ${TEST_PROJECT}.`);
    process.exit(2);
  }
  const scanned = scanAll();
  const text = `${JSON.stringify(scanned, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const current = existsSync(LIST) ? readFileSync(LIST, 'utf8') : '';
    if (current !== text) {
      console.error(`${LIST} differs from the C# test files; run node tools/conformance-methods.mjs.`);
      process.exit(1);
    }
    console.log(`${scanned.length} agent test methods, list up to date.`);
    return;
  }
  writeFileSync(LIST, text);
  console.log(`${scanned.length} agent test methods written to ${LIST}.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
