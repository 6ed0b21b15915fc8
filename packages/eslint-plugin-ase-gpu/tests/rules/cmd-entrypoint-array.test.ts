import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const options = { Cmd: 'python3 /app/main.py --verbose', HostConfig: { Privileged: true }, Entrypoint: '/bin/sh' };

/** The fixed text, written out per encoding: brackets around each string as it was written. */
function fixedCode(code: string, encoding: Encoding): string {
  switch (encoding) {
    case 'object':
      return code.replace('"Cmd": "python3 /app/main.py --verbose"', '"Cmd": ["python3 /app/main.py --verbose"]').replace('"Entrypoint": "/bin/sh"', '"Entrypoint": ["/bin/sh"]');
    case 'string':
      return code.replace('\\"Cmd\\":\\"python3 /app/main.py --verbose\\"', '\\"Cmd\\":[\\"python3 /app/main.py --verbose\\"]').replace('\\"Entrypoint\\":\\"/bin/sh\\"', '\\"Entrypoint\\":[\\"/bin/sh\\"]');
    case 'chunked':
      // 40-character chunks: Cmd sits in the first chunk, Entrypoint's value in the third.
      return code
        .replace('"createOptions": "{\\"Cmd\\":\\"python3 /app/main.py --verbose\\","', '"createOptions": "{\\"Cmd\\":[\\"python3 /app/main.py --verbose\\"],"')
        .replace('"createOptions02": "oint\\":\\"/bin/sh\\"}"', '"createOptions02": "oint\\":[\\"/bin/sh\\"]}"');
  }
}

function stringCommands(encoding: Encoding) {
  const built = buildManifest({ modules: { scorer: { createOptions: options } } }, encoding);
  return {
    name: `Cmd and Entrypoint as strings (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: fixedCode(built.code, encoding),
    errors: [
      { messageId: 'stringCommand', data: { module: 'scorer', key: 'Cmd' }, ...built.at('scorer', '"python3 /app/main.py --verbose"') },
      { messageId: 'stringCommand', data: { module: 'scorer', key: 'Entrypoint' }, ...built.at('scorer', '"/bin/sh"') },
    ],
  };
}

function lowerCaseKey(encoding: Encoding) {
  // The agent reads Cmd through a case-insensitive copy: "cmd" is read too, and breaks the same way.
  const built = buildManifest({ modules: { scorer: { createOptions: { cmd: '--serve' } } } }, encoding);
  return {
    name: `a lower-case cmd (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: encoding === 'object' ? built.code.replace('"cmd": "--serve"', '"cmd": ["--serve"]') : built.code.replace('{\\"cmd\\":\\"--serve\\"}', '{\\"cmd\\":[\\"--serve\\"]}'),
    errors: [{ messageId: 'stringCommand', data: { module: 'scorer', key: 'cmd' }, ...built.at('scorer', '"--serve"') }],
  };
}

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

runRuleTests('cmd-entrypoint-array', {
  valid: ENCODINGS.flatMap((encoding) => [
    { name: `arrays (${encoding})`, ...codeOf(buildManifest({ modules: { scorer: { createOptions: { Cmd: ['python3', 'main.py'], Entrypoint: ['/bin/sh', '-c'] } } } }, encoding)) },
    // Other wrong types are valid-create-options' findings.
    { name: `Cmd as a number (${encoding})`, ...codeOf(buildManifest({ modules: { scorer: { createOptions: { Cmd: 5 } } } }, encoding)) },
    { name: `a nested Cmd is not the container's (${encoding})`, ...codeOf(buildManifest({ modules: { scorer: { createOptions: { Labels: { Cmd: 'run' } } } } }, encoding)) },
    { name: `CmdLine is another key (${encoding})`, ...codeOf(buildManifest({ modules: { scorer: { createOptions: { CmdLine: 'run' } } } }, encoding)) },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [stringCommands(encoding), lowerCaseKey(encoding)]),
});
