import { buildManifest } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

// A whitespace-only line holding a tab (an editor's leftover) in a space-indented template: the lines
// a fix inserts are indented with spaces like the rest, not with the tab of the blank line.

const gpuOptions = { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } };
const gpuFixed = { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } }, strategy: { type: 'Recreate' } } };

const withBlankTabLine = (code: string) => code.replace('{\n', '{\n\t\n');
const built = buildManifest({ modules: { detector: { createOptions: gpuOptions } } }, 'object');
const where = built.at('detector', '"nvidia.com/gpu"');

runRuleTests('require-recreate-strategy', {
  valid: [],
  invalid: [
    {
      name: 'a tab on a blank line does not make the inserted strategy tab-indented',
      code: withBlankTabLine(built.code),
      filename: built.filename,
      output: withBlankTabLine(buildManifest({ modules: { detector: { createOptions: gpuFixed } } }, 'object').code),
      errors: [
        {
          messageId: 'missingRecreate',
          data: { module: 'detector', reason: 'it holds the extended resource "nvidia.com/gpu" exclusively' },
          ...where,
          line: where.line + 1,
          endLine: where.endLine + 1,
        },
      ],
    },
  ],
});
