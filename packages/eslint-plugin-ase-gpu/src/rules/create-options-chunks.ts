import { compactJSON } from '../fix/compact-json.js';
import { AGENT_MAX_CHUNKS, chunkKey, isChunkKey, splitIntoChunks, type ChunkIssue } from '../manifest/chunks.js';
import type { CreateOptions } from '../manifest/create-options.js';
import { isStringLiteral, keyName } from '../manifest/json-ast.js';
import type { DeviceProfile } from '../settings/device-profile.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type FixFunction, type ManifestTools } from '../rule-harness/manifest-rule.js';

type MessageIds = 'missingBase' | 'outOfSequence' | 'duplicateNumber' | 'overAgentLimit' | 'chunkTooLong' | 'tooManyChunks' | 'tooLong';

/**
 * True when re-chunking the model's decoded text keeps what the file means: every chunk is a string,
 * duplicate numbers hold the same text (so dropping one loses nothing), and when the agent's order is
 * broken the numeric order gives JSON that parses (a missing piece would not).
 */
function canRechunk(createOptions: CreateOptions, issues: readonly ChunkIssue[], profile: DeviceProfile): boolean {
  if (!createOptions.segments.every((segment) => segment.isString)) return false;
  for (const issue of issues) {
    if (issue.kind !== 'duplicate') continue;
    const [a, b] = [issue.entry.property.value, issue.first.property.value];
    if (!isStringLiteral(a) || !isStringLiteral(b) || a.value !== b.value) return false;
  }
  const orderBroken = issues.some((issue) => issue.kind === 'missing-base' || issue.kind === 'unexpected');
  if (orderBroken && (createOptions.parseError || (!createOptions.root && !createOptions.isEmpty))) return false;
  return splitIntoChunks(createOptions.text, profile.maxChunkLength).length <= AGENT_MAX_CHUNKS;
}

/**
 * The agent's findings: the missing base, every duplicate number, and the first chunk out of sequence
 * only when nothing came before it (after a missing base or a duplicate every later chunk is off by
 * one, which says nothing new), and the first chunk beyond the 100 that the agent reads.
 */
function reportAgentIssues(moduleName: string, count: number, issues: readonly ChunkIssue[], fix: FixFunction | null, tools: ManifestTools<MessageIds>): void {
  let overLimitReported = false;
  issues.forEach((issue, index) => {
    const key = issue.entry.key;
    const range = issue.entry.property.key.range;
    switch (issue.kind) {
      case 'missing-base':
        tools.report({ module: moduleName, range, messageId: 'missingBase', data: { module: moduleName, key }, fix });
        break;
      case 'unexpected':
        if (index > 0) break;
        tools.report({ module: moduleName, range, messageId: 'outOfSequence', data: { module: moduleName, key, expected: chunkKey(issue.expected) }, fix });
        break;
      case 'duplicate':
        tools.report({ module: moduleName, range, messageId: 'duplicateNumber', data: { module: moduleName, key, first: issue.first.key }, fix });
        break;
      case 'too-many':
        if (overLimitReported) break;
        overLimitReported = true;
        tools.report({ module: moduleName, range, messageId: 'overAgentLimit', data: { module: moduleName, key, count }, fix });
        break;
    }
  });
}

export default createRule<[], MessageIds>({
  name: 'create-options-chunks',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require createOptions chunks that the agent can join and the deployment tools accept',
      recommended: 'error',
      strict: 'error',
      owns: ['CO-CHUNKS'],
      fixPolicy: 'fix',
    },
    fixable: 'code',
    schema: [],
    messages: {
      missingBase:
        'Module "{{module}}": createOptions chunk "{{key}}" comes before any bare "createOptions", so the deployment fails on the GPU device.',
      outOfSequence:
        'Module "{{module}}": createOptions chunk "{{key}}" stands where the agent expects "{{expected}}", so the deployment fails on the GPU device.',
      duplicateNumber:
        'Module "{{module}}": createOptions chunk "{{key}}" repeats the number of "{{first}}", so the deployment fails on the GPU device.',
      overAgentLimit:
        'Module "{{module}}": createOptions has {{count}} chunks and the agent reads 100, so the GPU device cuts the settings off at "{{key}}" and cannot read them.',
      chunkTooLong:
        'Module "{{module}}": createOptions chunk "{{key}}" holds {{length}} characters, and the tools that deploy to the GPU device accept {{maxChunkLength}}. Split it.',
      tooManyChunks:
        'Module "{{module}}": createOptions chunk "{{key}}" is past the {{maxChunks}} chunks of {{maxChunkLength}} that GPU deployment tools accept ({{count}} in all).',
      tooLong:
        'Module "{{module}}": createOptions has {{length}} characters, over the {{limit}} ({{maxChunks}} × {{maxChunkLength}}) that GPU deployment tools accept.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const createOptions = module.createOptions;
        const layout = createOptions?.chunkLayout;
        if (!createOptions || !layout) return;
        const { maxChunkLength, maxChunks } = tools.profile;
        const limit = maxChunkLength * maxChunks;
        const name = module.name;

        if (createOptions.encoding === 'object' || (createOptions.encoding === 'string' && tools.model.kind === 'template' && layout.issues.length === 0)) {
          // In a template the tools chunk createOptions themselves (an object minified first, a string
          // as written): only the length they start from can be too much.
          const text = createOptions.encoding === 'object' ? (createOptions.root ? compactJSON(createOptions.root) : null) : createOptions.text;
          if (text !== null && text.length > limit) {
            tools.report({ module, range: createOptions.firstProperty.key.range, messageId: 'tooLong', data: { module: name, length: text.length, limit, maxChunks, maxChunkLength } });
          }
          return;
        }

        // The fix is built only for a module that has something to fix (most have one good chunk).
        const needsFix =
          layout.issues.length > 0 ||
          layout.ordered.length > maxChunks ||
          createOptions.segments.some((segment) => segment.isString && segment.value.length > maxChunkLength);
        const fix =
          needsFix && canRechunk(createOptions, layout.issues, tools.profile)
            ? tools.fixFrom(createOptions.rewriteChunks(createOptions.text, { maxChunkLength }))
            : null;
        reportAgentIssues(name, createOptions.settings.properties.filter((property) => isChunkKey(keyName(property))).length, layout.issues, fix, tools);

        const length = createOptions.text.length;
        if (length > limit) {
          tools.report({ module, range: createOptions.firstProperty.key.range, messageId: 'tooLong', data: { module: name, length, limit, maxChunks, maxChunkLength } });
        } else if (layout.ordered.length > maxChunks) {
          const extra = layout.ordered[maxChunks]!;
          tools.report({ module, range: extra.property.key.range, messageId: 'tooManyChunks', data: { module: name, key: extra.key, count: layout.ordered.length, maxChunks, maxChunkLength }, fix });
        }
        createOptions.segments.forEach((segment, index) => {
          if (!segment.isString || segment.value.length <= maxChunkLength) return;
          const entry = createOptions.chunks[index]!;
          tools.report({ module, range: entry.property.key.range, messageId: 'chunkTooLong', data: { module: name, key: entry.key, length: segment.value.length, maxChunkLength }, fix });
        });
      },
    });
  },
});
