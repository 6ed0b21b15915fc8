/** Lints off the main thread, so typing stays responsive on large manifests. */
import { fixAll, lint, pluginVersion, ruleInfo } from './engine.js';
import type { Request, Response } from './protocol.js';

const post = (response: Response): void => postMessage(response);

self.onmessage = (event: MessageEvent<Request>) => {
  const request = event.data;
  if (request.kind === 'lint') {
    const started = performance.now();
    const outcome = lint(request.code, request.settings, request.explain);
    post({ kind: 'lint', id: request.id, findings: outcome.findings, explained: outcome.explained, millis: performance.now() - started });
    return;
  }
  const outcome = fixAll(request.code, request.settings);
  post({ kind: 'fix', id: request.id, output: outcome.output, error: outcome.error });
};

post({ kind: 'ready', rules: ruleInfo(), version: pluginVersion });
