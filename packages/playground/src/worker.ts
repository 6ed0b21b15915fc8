/** Lints off the main thread, so typing stays responsive on large manifests. */
import { fixAll, lint, pluginVersion, ruleInfo } from './engine.js';
import type { Finding, Request, Response } from './protocol.js';

const post = (response: Response): void => postMessage(response);

/** A 53-bit hash (cyrb53) of what the page shows of the findings: rule, place, message, fix and suggestion labels. */
function signatureOf(findings: readonly Finding[]): string {
  const text = JSON.stringify(findings.map((finding) => [finding.ruleId, finding.line, finding.column, finding.endLine, finding.endColumn, finding.message, Boolean(finding.fix), finding.suggestions.map((suggestion) => suggestion.desc)]));
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${findings.length}:${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

/** A failure of the linter itself, shown as a finding rather than leaving the page waiting. */
function failure(error: unknown): Finding {
  const message = `The linter failed on this text; please report it with the manifest. ${error instanceof Error ? error.message : String(error)}`;
  return { ruleId: null, severity: 2, message, line: 1, column: 1, endLine: undefined, endColumn: undefined, fix: undefined, suggestions: [] };
}

self.onmessage = (event: MessageEvent<Request>) => {
  const request = event.data;
  const started = performance.now();
  if (request.kind === 'lint') {
    let outcome: ReturnType<typeof lint>;
    try {
      outcome = lint(request.code, request.settings, request.explain);
    } catch (error) {
      outcome = { findings: [failure(error)], explained: undefined };
    }
    post({
      kind: 'lint',
      id: request.id,
      findingsJson: JSON.stringify(outcome.findings),
      signature: signatureOf(outcome.findings),
      explained: outcome.explained,
      millis: performance.now() - started,
    });
    return;
  }
  try {
    const outcome = fixAll(request.code, request.settings);
    post({ kind: 'fix', id: request.id, output: outcome.output, error: outcome.error });
  } catch (error) {
    post({ kind: 'fix', id: request.id, output: undefined, error: failure(error).message });
  }
};

post({ kind: 'ready', rules: ruleInfo(), version: pluginVersion });
