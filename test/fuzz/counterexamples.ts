import type { ManifestCase } from './manifest-arbitrary.js';

/**
 * Cases the fuzz tests found (or that were found without them and they should have found), kept as
 * fixed examples: fast-check runs each of them before the generated ones, on every run.
 */

const base = {
  edgeHubOptions: { HostConfig: { PortBindings: { '5671/tcp': [{ HostPort: '5671' }], '8883/tcp': [{ HostPort: '8883' }], '443/tcp': [{ HostPort: '443' }] } } },
  template: false,
  indent: '  ',
  lineEnding: 'lf',
  bom: false,
  finalNewline: true,
  spellings: [0],
} as const;

const module = (createOptions: unknown, encoding: 'object' | 'string' | 'chunked' = 'string') => ({
  name: 'camera',
  createOptions,
  hasCreateOptions: true,
  encoding,
  prettyOptions: false,
  cuts: [17, 40],
  env: undefined,
  image: 'contoso.azurecr.io/camera:1.0',
});

export const counterexamples: ManifestCase[] = [
  // no-binds wrote two Mounts into an empty Mounts without a comma between them (issue 13).
  { ...base, modules: [module({ HostConfig: { Binds: ['/a:/a', '/b:/b'], Mounts: [] } })] },
  { ...base, modules: [module({ HostConfig: { Binds: ['/a:/a', '/b:/b'], Mounts: [] } }, 'chunked')], lineEnding: 'crlf', bom: true },
  { ...base, modules: [module({ HostConfig: { Privileged: true, Binds: ['/a:/a', '/home/hcsshares/share1:/data', '/b:/b'], Mounts: [], ShmSize: 1 } }, 'object')], template: true, indent: '\t' },
  // Wrong types where rules read numbers and sections (issue 13): each made a rule throw.
  { ...base, modules: [module({ 'k8s-experimental': JSON.parse('{"constructor":{}}') as unknown })] },
  { ...base, modules: [module({ HostConfig: { Memory: [{}], NanoCpus: { a: {} } }, 'k8s-experimental': { resources: { limits: { memory: {}, cpu: [{}] } } } })] },
];
