// Realistic deployment manifests for the benchmark, generated deterministically (seeded) with the shape
// that ../shared/design/performance.md describes: `$edgeAgent` with runtime, registry credentials, the
// two system modules and N modules (version, type, status, restartPolicy, sometimes startupOrder and
// env, settings.image and a createOptions JSON string of at most 512 characters), and `$edgeHub` with
// about one route per module. Pretty-printed with a 2-space indent, as the tools write manifests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Park-Miller: small, deterministic, good enough to vary the shapes. */
export function random(seed) {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

const SHARES = ['edge-share', 'models', 'input', 'output', 'cache'];

function createOptions(rand, index) {
  const options = {};
  const hostConfig = {};
  if (rand() < 0.4) hostConfig.Binds = [`/home/hcsshares/${SHARES[index % SHARES.length]}:/data/${index % 10}`];
  if (rand() < 0.6) hostConfig.PortBindings = { [`${8000 + (index % 900)}/tcp`]: [{ HostPort: String(8000 + (index % 900)) }] };
  if (rand() < 0.4) hostConfig.Mounts = [{ Type: 'volume', Source: SHARES[(index + 1) % SHARES.length], Target: '/mnt/share' }];
  if (rand() < 0.15) hostConfig.Privileged = true;
  if (rand() < 0.3) hostConfig.LogConfig = { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } };
  if (Object.keys(hostConfig).length > 0) options.HostConfig = hostConfig;
  if (rand() < 0.4) options.Env = [`MODULE_INDEX=${index}`, 'LOG_LEVEL=info'];
  if (rand() < 0.3) options['k8s-experimental'] = { resources: { limits: { memory: '512Mi', cpu: '500m' } } };
  if (rand() < 0.2) options.Hostname = `module-${index}`;
  const text = JSON.stringify(options);
  return text.length <= 512 ? text : JSON.stringify({ HostConfig: options.HostConfig });
}

function module(rand, index) {
  const entry = { version: '1.0', type: 'docker', status: 'running', restartPolicy: 'always' };
  if (rand() < 0.3) entry.startupOrder = 1 + (index % 5);
  if (rand() < 0.5) entry.env = { SENSOR_INTERVAL: { value: String(1 + (index % 60)) }, OUTPUT_NAME: { value: `output${index % 4}` } };
  entry.settings = { image: `contoso.azurecr.io/module-${index % 50}:1.${index % 10}.0`, createOptions: createOptions(rand, index) };
  return entry;
}

export function manifestText(moduleCount, seed) {
  const rand = random(seed);
  const modules = {};
  const routes = {};
  for (let i = 0; i < moduleCount; i++) {
    const name = `module${i}`;
    modules[name] = module(rand, i);
    routes[`${name}ToUpstream`] = rand() < 0.1 ? { route: `FROM /messages/modules/${name}/outputs/* INTO $upstream`, priority: 1, timeToLiveSecs: 3600 } : `FROM /messages/modules/${name}/outputs/* INTO $upstream`;
  }
  const manifest = {
    modulesContent: {
      $edgeAgent: {
        'properties.desired': {
          schemaVersion: '1.1',
          runtime: { type: 'docker', settings: { minDockerVersion: 'v1.25', loggingOptions: '', registryCredentials: { contoso: { username: 'contoso', password: 'secret', address: 'contoso.azurecr.io' } } } },
          systemModules: {
            edgeAgent: { type: 'docker', settings: { image: 'mcr.microsoft.com/azureiotedge-agent:1.4', createOptions: '{}' } },
            edgeHub: {
              type: 'docker',
              status: 'running',
              restartPolicy: 'always',
              settings: { image: 'mcr.microsoft.com/azureiotedge-hub:1.4', createOptions: JSON.stringify({ HostConfig: { PortBindings: { '5671/tcp': [{ HostPort: '5671' }], '8883/tcp': [{ HostPort: '8883' }], '443/tcp': [{ HostPort: '443' }] } } }) },
              env: { OptimizeForPerformance: { value: 'false' } },
            },
          },
          modules,
        },
      },
      $edgeHub: { 'properties.desired': { schemaVersion: '1.1', routes, storeAndForwardConfiguration: { timeToLiveSecs: 7200 } } },
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function writeSet(dir, files) {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  let modules = 0;
  for (const { name, count, seed } of files) {
    const text = manifestText(count, seed);
    writeFileSync(join(dir, name), text);
    bytes += Buffer.byteLength(text);
    modules += count;
  }
  return { dir, files: files.length, modules, bytes };
}

export const SCALE_POINTS = [3, 30, 300, 3000, 10000, 26000];

/** Writes every data set under `root` and returns their descriptions. */
export function generateAll(root) {
  const rand = random(42);
  const small = Array.from({ length: 1000 }, (_, i) => ({ name: `deployment.${String(i).padStart(4, '0')}.json`, count: 3 + Math.floor(rand() * 6), seed: 1000 + i }));
  const large = Array.from({ length: 20 }, (_, i) => ({ name: `deployment.large${i}.json`, count: 2000, seed: 5000 + i }));
  return {
    small: writeSet(join(root, 'small'), small),
    large: writeSet(join(root, 'large'), large),
    // 20 MB: at about 710 bytes a module, 28,500 modules.
    huge: writeSet(join(root, 'huge'), [{ name: 'deployment.huge.json', count: 28500, seed: 9000 }]),
    // 50 MB: the same shape at 2.5 times the size, to see whether memory per byte stays flat.
    giant: writeSet(join(root, 'giant'), [{ name: 'deployment.giant.json', count: 71250, seed: 9500 }]),
    single: writeSet(join(root, 'single'), [{ name: 'deployment.json', count: 3, seed: 77 }]),
    scale: Object.fromEntries(SCALE_POINTS.map((count) => [count, writeSet(join(root, `scale-${count}`), [{ name: `deployment.m${count}.json`, count, seed: 300 + count }])])),
  };
}
