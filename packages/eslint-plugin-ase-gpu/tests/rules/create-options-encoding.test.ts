import { buildManifest, ENCODINGS, type ModuleSpec } from '../helpers/manifest-builder.js';
import { locate } from '../helpers/locate.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const options = { Env: ['MODEL=/models/yolo.onnx'], HostConfig: { Privileged: true, PortBindings: { '8080/tcp': [{ HostPort: '8080' }] } } };

/** A deployment manifest (no "template" in its name) whose module `camera` holds createOptions as an object. */
function objectInDeployment(spec: ModuleSpec, chunkSize?: number) {
  // edgeHub stays a string: only the module under test is an object.
  const built = buildManifest({ modules: { camera: { ...spec, encoding: 'object' } }, edgeHub: { encoding: 'string' } }, 'string', chunkSize);
  return { code: built.code, filename: 'deployment.json' };
}

/** The same manifest as the tools write it: camera's createOptions a string, or chunks of `chunkSize`. */
function asStrings(spec: ModuleSpec, encoding: 'string' | 'chunked', chunkSize?: number) {
  return buildManifest({ modules: { camera: spec }, edgeHub: { encoding: 'string' } }, encoding, chunkSize).code;
}

// camera's createOptions is the second in the file, after edgeHub's.
const cameraKey = (code: string) => locate(code, '"createOptions"', 2);

const short = (() => {
  const { code, filename } = objectInDeployment({ createOptions: options });
  return {
    name: 'an object in a deployment manifest becomes a string',
    code,
    filename,
    output: asStrings({ createOptions: options }, 'string'),
    errors: [{ messageId: 'objectInDeployment', data: { module: 'camera', maxChunkLength: 512 }, ...cameraKey(code) }],
  };
})();

const long = (() => {
  const { code, filename } = objectInDeployment({ createOptions: options });
  return {
    name: 'an object longer than maxChunkLength becomes chunks',
    code,
    filename,
    settings: { 'ase-gpu': { maxChunkLength: 40 } },
    output: asStrings({ createOptions: options }, 'chunked', 40),
    errors: [{ messageId: 'objectInDeployment', data: { module: 'camera', maxChunkLength: 40 }, ...cameraKey(code) }],
  };
})();

const bigNumber = (() => {
  // A JS number would turn 12345678901234567890 into 12345678901234567000: the digits are kept.
  const { code, filename } = objectInDeployment({ createOptions: { HostConfig: { Memory: 1 } } });
  return {
    name: 'numbers keep their digits',
    code: code.replace('"Memory": 1', '"Memory": 12345678901234567890'),
    filename,
    output: asStrings({ createOptions: { HostConfig: { Memory: 1 } } }, 'string').replace('\\"Memory\\":1', '\\"Memory\\":12345678901234567890'),
    errors: [{ messageId: 'objectInDeployment', data: { module: 'camera', maxChunkLength: 512 }, ...cameraKey(code) }],
  };
})();

const forcedDeployment = (() => {
  const built = buildManifest({ modules: { camera: { createOptions: options } }, edgeHub: { encoding: 'string' } }, 'object');
  return {
    name: 'manifestKind "deployment" overrides a template file name',
    code: built.code,
    filename: built.filename,
    settings: { 'ase-gpu': { manifestKind: 'deployment' } },
    output: asStrings({ createOptions: options }, 'string'),
    errors: [{ messageId: 'objectInDeployment', data: { module: 'camera', maxChunkLength: 512 }, ...cameraKey(built.code) }],
  };
})();

const duplicateKey = (() => {
  const { code, filename } = objectInDeployment({ createOptions: { HostConfig: { Privileged: true }, Hostname: 'a' } });
  return {
    name: 'a key given twice: which one to keep is not the fix to decide',
    code: code.replace('"Hostname": "a"', '"Hostname": "a", "Hostname": "b"'),
    filename,
    output: null,
    errors: [{ messageId: 'objectInDeployment', data: { module: 'camera', maxChunkLength: 512 }, ...cameraKey(code) }],
  };
})();

runRuleTests('create-options-encoding', {
  valid: [
    ...ENCODINGS.map((encoding) => {
      const built = buildManifest({ modules: { camera: { createOptions: options } } }, encoding);
      // The object encoding comes as deployment.template.json: templates may hold objects.
      return { name: `as the builder writes it (${encoding})`, code: built.code, filename: built.filename };
    }),
    { name: 'a template chosen by manifestKind', ...objectInDeployment({ createOptions: options }), settings: { 'ase-gpu': { manifestKind: 'template' } } },
    { name: 'a file with ${...} placeholders is a template', ...objectInDeployment({ createOptions: options, image: '${MODULES.camera}' }) },
    // Not an object: valid-create-options reports it.
    { name: 'an array', ...objectInDeployment({ createOptions: [1] }) },
  ],
  invalid: [short, long, bigNumber, forcedDeployment, duplicateKey],
});
