import { pathToFileURL } from 'node:url';
import { describeLocation } from '../lint/locate.js';
import type { Formatter } from './context.js';
import { shownPath } from './paths.js';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string; markdown?: string };
  help: { text: string; markdown?: string };
  helpUri?: string;
  properties: Record<string, unknown>;
}

/** The first paragraph of a rule page after its generated header: the rule's own explanation. */
function firstParagraph(doc: string | undefined): string | undefined {
  if (!doc) return undefined;
  const body = doc.replace(/<!-- begin generated header -->[\s\S]*?<!-- end generated header -->/u, '');
  const paragraphs = body.split(/\n\s*\n/u).map((part) => part.trim()).filter((part) => part && !part.startsWith('#') && !part.startsWith('<!--') && !part.startsWith('|'));
  return paragraphs[0]?.replace(/\s+/gu, ' ');
}

/**
 * A relative path as an RFC 3986 relative reference: each segment percent-encoded (spaces, `%`, `#`,
 * `?`, `:`, line breaks, non-ASCII as UTF-8), the slashes kept. encodeURIComponent leaves only
 * unreserved characters and `!'()*`, which RFC 3986 allows in a segment.
 */
export function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function stripMarkdown(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?-->/gu, '').replace(/\n{3,}/gu, '\n\n').trim();
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other viewers: each rule with its full description and
 * its documentation as help, results with their region, module and createOptions path.
 */
export const formatSarif: Formatter = (results, context) => {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const sarifResults: object[] = [];
  const artifacts: object[] = [];
  const artifactIndex = new Map<string, number>();

  const indexOfRule = (id: string): number => {
    let index = ruleIndex.get(id);
    if (index !== undefined) return index;
    const info = context.rule(id);
    const description = info?.description ?? id;
    const full = firstParagraph(info?.doc) ?? description;
    const help = info?.doc ? stripMarkdown(info.doc) : `${description}${info?.url ? `\n\nSee ${info.url}` : ''}`;
    index = rules.length;
    rules.push({
      id,
      name: id.replace(/^.*\//u, '').replace(/-([a-z])/gu, (_, letter: string) => letter.toUpperCase()).replace(/^[a-z]/u, (letter) => letter.toUpperCase()),
      shortDescription: { text: description },
      fullDescription: { text: full, markdown: full },
      help: { text: help, markdown: help },
      ...(info?.url ? { helpUri: info.url } : {}),
      properties: { ...(info?.type ? { category: info.type } : {}), tags: ['azure-iot-edge', 'azure-stack-edge'], fixable: Boolean(info?.fixable), hasSuggestions: Boolean(info?.hasSuggestions) },
    });
    ruleIndex.set(id, index);
    return index;
  };

  for (const result of results) {
    const shown = shownPath(result.filePath, context.cwd);
    // Files outside the working directory are shown absolute: they get a file: URL of their own.
    const location = shown.startsWith('/') ? { uri: pathToFileURL(result.filePath).href } : { uri: relativeUri(shown), uriBaseId: '%SRCROOT%' };
    let artifact = artifactIndex.get(location.uri);
    if (artifact === undefined) {
      artifact = artifacts.length;
      artifacts.push({ location });
      artifactIndex.set(location.uri, artifact);
    }
    for (const message of result.messages) {
      const where = describeLocation(message);
      const region: Record<string, number> = {};
      if (message.line) {
        region.startLine = message.line;
        region.startColumn = message.column;
        if (message.endLine) {
          region.endLine = message.endLine;
          region.endColumn = message.endColumn ?? message.column;
        }
      }
      sarifResults.push({
        ...(message.ruleId ? { ruleId: message.ruleId, ruleIndex: indexOfRule(message.ruleId) } : {}),
        level: message.fatal || message.severity === 2 ? 'error' : 'warning',
        message: { text: message.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { ...location, index: artifact },
              ...(message.line ? { region } : {}),
            },
            ...(where ? { logicalLocations: [{ fullyQualifiedName: where.replace(/ › /gu, '.'), kind: 'member' }] } : {}),
          },
        ],
        ...(message.fix ? { properties: { fixable: true } } : {}),
      });
    }
  }

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ase-gpu-lint', version: context.toolVersion, informationUri: 'https://github.com/ase-gpu-lint/ase-gpu-lint', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(context.cwd).href}/` } },
        artifacts,
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
