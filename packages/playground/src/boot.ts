/**
 * The first thing the page runs, before the editor's code has loaded: the lint worker starts, with the
 * manifest of the link (or the first example) to lint, so the first findings do not wait for the editor.
 */
import { EXAMPLES } from './examples.js';
import type { Request, Response, Settings } from './protocol.js';
import { fromHash } from './share.js';

export const DEFAULT_SETTINGS: Settings = { preset: 'recommended', filename: 'deployment.json', profile: {} };

const shared = fromHash(location.hash, DEFAULT_SETTINGS);
export const initialCode = shared?.code ?? EXAMPLES[0]!.code;
export const initialSettings = shared?.settings ?? DEFAULT_SETTINGS;

export const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
/** The id of the first lint request, which the page adopts as in flight for the editor's first text. */
export const FIRST_REQUEST_ID = 1;

const early: Response[] = [];
worker.onmessage = (event: MessageEvent<Response>) => {
  performance.mark(`ase-gpu:worker-${event.data.kind}`);
  early.push(event.data);
};
worker.postMessage({ kind: 'lint', id: FIRST_REQUEST_ID, code: initialCode, settings: initialSettings, explain: false } satisfies Request);

// The editor and the rest of the page: a chunk of their own, which loads while the worker starts.
void import('./main.js');

/** Hands the worker's messages, those that came before included, to the page. */
export function takeOver(handle: (response: Response) => void): void {
  performance.mark('ase-gpu:page-ready');
  worker.onmessage = (event: MessageEvent<Response>) => handle(event.data);
  for (const response of early.splice(0)) handle(response);
}
