import { span, type Location } from './locate.js';

/**
 * Test-only: builds a realistic deployment manifest around the modules a test cares about, with
 * createOptions in one of the three encodings.
 */
export type Encoding = 'object' | 'string' | 'chunked';
export const ENCODINGS: readonly Encoding[] = ['object', 'string', 'chunked'];

export interface ModuleSpec {
  image?: string;
  createOptions?: unknown;
  env?: Record<string, unknown>;
  status?: string;
  restartPolicy?: string;
  /** Extra members of the module object (startupOrder, imagePullPolicy...). */
  extra?: Record<string, unknown>;
  /** This module's createOptions encoding, when it differs from the manifest's. */
  encoding?: Encoding;
}

export interface ManifestSpec {
  modules: Record<string, ModuleSpec>;
  edgeHub?: ModuleSpec;
  edgeAgent?: ModuleSpec;
  routes?: Record<string, unknown>;
  registryCredentials?: Record<string, unknown>;
  agentSchemaVersion?: string;
}

export interface BuiltManifest {
  code: string;
  filename: string;
  /**
   * Location of a snippet of a module's createOptions: for string and chunked encodings the snippet
   * is compact decoded JSON (it may cross chunks); for the object encoding it is searched verbatim
   * in the laid-out file text, so use keys or scalars there.
   */
  at(module: string, snippet: string, occurrence?: number): Location;
}

const EDGE_HUB_OPTIONS = {
  HostConfig: {
    PortBindings: {
      '5671/tcp': [{ HostPort: '5671' }],
      '8883/tcp': [{ HostPort: '8883' }],
      '443/tcp': [{ HostPort: '443' }],
    },
  },
};

/** Chunk size for the chunked encoding: small, so that most options span several chunks. */
export const TEST_CHUNK_SIZE = 40;

function settingsFor(spec: ModuleSpec, manifestEncoding: Encoding, chunkSize: number): Record<string, unknown> {
  const encoding = spec.encoding ?? manifestEncoding;
  const settings: Record<string, unknown> = { image: spec.image ?? 'contoso.azurecr.io/module:1.0' };
  if (spec.createOptions === undefined) return settings;
  if (encoding === 'object') {
    settings.createOptions = spec.createOptions;
    return settings;
  }
  const text = typeof spec.createOptions === 'string' ? spec.createOptions : JSON.stringify(spec.createOptions);
  if (encoding === 'string' || text.length <= chunkSize) {
    settings.createOptions = text;
    return settings;
  }
  for (let i = 0, n = 0; i < text.length; i += chunkSize, n++) {
    settings[n === 0 ? 'createOptions' : `createOptions${String(n).padStart(2, '0')}`] = text.slice(i, i + chunkSize);
  }
  return settings;
}

function moduleFor(spec: ModuleSpec, encoding: Encoding, chunkSize: number): Record<string, unknown> {
  const module: Record<string, unknown> = {
    version: '1.0',
    type: 'docker',
    status: spec.status ?? 'running',
    restartPolicy: spec.restartPolicy ?? 'always',
    settings: settingsFor(spec, encoding, chunkSize),
  };
  if (spec.env) module.env = spec.env;
  return { ...module, ...spec.extra };
}

export function buildManifest(spec: ManifestSpec, encoding: Encoding, chunkSize = TEST_CHUNK_SIZE): BuiltManifest {
  const modules = Object.fromEntries(Object.entries(spec.modules).map(([name, module]) => [name, moduleFor(module, encoding, chunkSize)]));
  const edgeHub = moduleFor({ image: 'mcr.microsoft.com/azureiotedge-hub:1.1', createOptions: EDGE_HUB_OPTIONS, ...spec.edgeHub }, encoding, chunkSize);
  const edgeAgentSettings = moduleFor({ image: 'mcr.microsoft.com/azureiotedge-agent:1.1', ...spec.edgeAgent }, encoding, chunkSize);
  delete edgeAgentSettings.status;
  delete edgeAgentSettings.restartPolicy;
  delete edgeAgentSettings.version;
  const manifest = {
    modulesContent: {
      $edgeAgent: {
        'properties.desired': {
          schemaVersion: spec.agentSchemaVersion ?? '1.1',
          runtime: {
            type: 'docker',
            settings: { minDockerVersion: 'v1.25', loggingOptions: '', registryCredentials: spec.registryCredentials ?? {} },
          },
          systemModules: { edgeAgent: edgeAgentSettings, edgeHub },
          modules,
        },
      },
      $edgeHub: {
        'properties.desired': {
          schemaVersion: '1.1',
          routes: spec.routes ?? { upstream: 'FROM /messages/* INTO $upstream' },
          storeAndForwardConfiguration: { timeToLiveSecs: 7200 },
        },
      },
    },
  };
  const code = `${JSON.stringify(manifest, null, 2)}\n`;
  const optionsOf = (name: string): unknown =>
    name === 'edgeHub' ? (spec.edgeHub?.createOptions ?? EDGE_HUB_OPTIONS) : name === 'edgeAgent' ? spec.edgeAgent?.createOptions : spec.modules[name]?.createOptions;
  return {
    code,
    filename: encoding === 'object' ? 'deployment.template.json' : 'deployment.json',
    at(module, snippet, occurrence = 1) {
      const moduleStart = code.indexOf(`"${module}": {`, code.indexOf(module === 'edgeHub' || module === 'edgeAgent' ? '"systemModules"' : '"modules": {'));
      if (moduleStart < 0) throw new Error(`module ${module} is not in the fixture`);
      if (encoding === 'object') {
        let index = code.indexOf('"createOptions"', moduleStart);
        for (let i = 0; i < occurrence; i++) {
          index = code.indexOf(snippet, index + 1);
          if (index < 0) throw new Error(`"${snippet}" is not in module ${module}'s createOptions`);
        }
        return span(code, index, index + snippet.length);
      }
      const options = optionsOf(module);
      const text = typeof options === 'string' ? options : JSON.stringify(options);
      let decoded = -1;
      for (let i = 0; i < occurrence; i++) {
        decoded = text.indexOf(snippet, decoded + 1);
        if (decoded < 0) throw new Error(`"${snippet}" is not in module ${module}'s createOptions`);
      }
      const size = encoding === 'string' || text.length <= chunkSize ? Infinity : chunkSize;
      const pieceStarts: number[] = [];
      let searchFrom = moduleStart;
      const pieces = size === Infinity ? 1 : Math.ceil(text.length / size);
      for (let n = 0; n < pieces; n++) {
        const key = `"${n === 0 ? 'createOptions' : `createOptions${String(n).padStart(2, '0')}`}": "`;
        const keyAt = code.indexOf(key, searchFrom);
        pieceStarts.push(keyAt + key.length);
        searchFrom = keyAt + key.length;
      }
      const source = (index: number, isEnd: boolean): number => {
        const chunk = size === Infinity ? 0 : Math.floor((isEnd ? index - 1 : index) / size);
        const within = index - (size === Infinity ? 0 : chunk * size);
        const piece = size === Infinity ? text : text.slice(chunk * size, (chunk + 1) * size);
        return pieceStarts[chunk]! + JSON.stringify(piece.slice(0, within)).length - 2;
      };
      return span(code, source(decoded, false), source(decoded + snippet.length, true));
    },
  };
}

/** Where a decoded createOptions snippet stands in a manifest of the given encoding. */
export function encodedNeedle(snippet: string, encoding: Encoding): string {
  return encoding === 'object' ? snippet : JSON.stringify(snippet).slice(1, -1);
}
