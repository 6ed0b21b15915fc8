import { EditorView } from '@codemirror/view';
import { DEFAULT_SETTINGS, FIRST_REQUEST_ID, initialCode, initialSettings, takeOver, worker } from './boot.js';
import { createExplainView, createManifestEditor, highlightOrigin, offsetAt, replaceText, showFindings } from './editor.js';
import { EXAMPLES } from './examples.js';
import { renderFindings, summary } from './findings.js';
import type { Explained, Finding, PresetName, Request, Response, RuleInfo, Settings } from './protocol.js';
import { toHash } from './share.js';

/** Typing pauses this long before the worker lints again. */
const DEBOUNCE_MS = 250;
/** Above this size the link is made only on request: compressing a large manifest on every pause costs more than it helps. */
const LIVE_HASH_LIMIT = 200_000;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const form = {
  example: $<HTMLSelectElement>('example'),
  preset: $<HTMLSelectElement>('preset'),
  filename: $<HTMLInputElement>('filename'),
  aseVersion: $<HTMLInputElement>('aseVersion'),
  gpuCount: $<HTMLInputElement>('gpuCount'),
  shares: $<HTMLInputElement>('shares'),
};
const notice = $<HTMLParagraphElement>('notice');
const findingsRegion = $<HTMLDivElement>('findings-region');
const findingsSummary = $<HTMLParagraphElement>('findings-summary');
const findingsList = $<HTMLOListElement>('findings');
const explainPane = $<HTMLElement>('explain-pane');
const explainToggle = $<HTMLButtonElement>('toggle-explain');
const outputDetails = $<HTMLDetailsElement>('output-details');
const output = $<HTMLTextAreaElement>('manifest-output');

function readSettings(): Settings {
  const aseVersion = form.aseVersion.value.trim();
  const gpuText = form.gpuCount.value.trim();
  const gpuCount = Number(gpuText);
  const shares = form.shares.value.split(',').map((share) => share.trim()).filter((share) => share !== '');
  return {
    preset: form.preset.value as PresetName,
    filename: form.filename.value.trim() || DEFAULT_SETTINGS.filename,
    profile: {
      ...(/^\d{4}$/u.test(aseVersion) ? { aseVersion } : {}),
      ...(gpuText !== '' && Number.isInteger(gpuCount) && gpuCount >= 0 ? { gpuCount } : {}),
      ...(shares.length > 0 ? { shares } : {}),
    },
  };
}

function writeSettings(settings: Settings): void {
  form.preset.value = settings.preset;
  form.filename.value = settings.filename;
  form.aseVersion.value = settings.profile.aseVersion ?? '';
  form.gpuCount.value = settings.profile.gpuCount === undefined ? '' : String(settings.profile.gpuCount);
  form.shares.value = (settings.profile.shares ?? []).join(', ');
}

function say(text: string): void {
  notice.textContent = text;
}

// State: the editor's text has a version; a lint result applies only to the version it linted.
let version = 0;
let lintedVersion = -1;
let shownFindings: readonly Finding[] = [];
/** The latest lint's findings as JSON, parsed only when needed: same signature, same list, newer offsets. */
let latestJson: string | undefined;
let lastSignature = '';
let rules: Record<string, RuleInfo> = {};
let explained: Explained | undefined;
let requestId = FIRST_REQUEST_ID;
// boot.ts sent the first lint, of the text the editor starts with.
let inFlight: { id: number; version: number } | undefined = { id: FIRST_REQUEST_ID, version: 0 };
let queued = false;
let debounce: ReturnType<typeof setTimeout> | undefined;
let firstFindingsMarked = false;
let pendingFix: { id: number; version: number } | undefined;

const send = (request: Request): void => worker.postMessage(request);

writeSettings(initialSettings);
for (const example of EXAMPLES) form.example.append(new Option(example.label, example.id));

const editor: EditorView = createManifestEditor($('editor'), initialCode, () => {
  version++;
  scheduleLint();
});
let explainView: EditorView | undefined;

function setPending(pending: boolean): void {
  findingsRegion.dataset.pending = String(pending);
}

function lintNow(): void {
  clearTimeout(debounce);
  if (inFlight) {
    queued = true;
    return;
  }
  setPending(true);
  const id = ++requestId;
  inFlight = { id, version };
  send({ kind: 'lint', id, code: editor.state.doc.toString(), settings: readSettings(), explain: !explainPane.hidden });
}

function scheduleLint(): void {
  setPending(true);
  clearTimeout(debounce);
  debounce = setTimeout(() => {
    lintNow();
    updateHash(false);
    refreshOutput();
  }, DEBOUNCE_MS);
}

function updateHash(always: boolean): void {
  const code = editor.state.doc.toString();
  if (!always && code.length > LIVE_HASH_LIMIT) return;
  history.replaceState(null, '', toHash({ code, settings: readSettings() }));
}

function refreshOutput(): void {
  if (outputDetails.open) output.value = editor.state.doc.toString();
}

function goTo(finding: Finding): void {
  const at = offsetAt(editor, finding.line, finding.column);
  editor.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
  editor.focus();
}

/** A finding's fix, or one of its suggestions, looked up in the latest lint (the list may be older than its offsets). */
function latestFindings(): readonly Finding[] {
  if (latestJson !== undefined) {
    shownFindings = JSON.parse(latestJson) as Finding[];
    latestJson = undefined;
  }
  return shownFindings;
}

function apply(index: number, suggestion: number | undefined): void {
  const finding = latestFindings()[index];
  const fix = suggestion === undefined ? finding?.fix : finding?.suggestions[suggestion]?.fix;
  if (!fix || lintedVersion !== version) {
    say('The manifest changed since it was linted; try again once the findings are up to date.');
    return;
  }
  editor.dispatch({ changes: { from: fix.range[0], to: fix.range[1], insert: fix.text } });
  say('Applied.');
}

function showExplained(result: Explained | string | undefined): void {
  if (result === undefined || explainPane.hidden) return;
  explained = typeof result === 'string' ? undefined : result;
  explainPane.dataset.version = String(version);
  const text = typeof result === 'string' ? result : result.yaml;
  explainView ??= createExplainView($('explain'), (line) => {
    const origin = explained?.origins[line - 1] ?? null;
    highlightOrigin(editor, origin);
  });
  if (explainView.state.doc.toString() !== text) replaceText(explainView, text);
  renderObjects(explained?.objects ?? []);
}

/** Buttons that bring an object's YAML into view (and with the cursor there, its origin into the manifest). */
function renderObjects(objects: Explained['objects']): void {
  const list = $<HTMLUListElement>('explain-objects');
  list.replaceChildren(
    ...objects.map((object) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `${object.kind} ${object.name}`;
      button.addEventListener('click', () => {
        const view = explainView;
        if (!view || object.line > view.state.doc.lines) return;
        const at = view.state.doc.line(object.line).from;
        view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'start' }) });
        view.focus();
      });
      const item = document.createElement('li');
      item.dataset.kind = object.kind;
      item.dataset.name = object.name;
      item.dataset.module = object.module;
      item.append(button);
      return item;
    }),
  );
}

function onLint(response: Extract<Response, { kind: 'lint' }>): void {
  const linted = inFlight;
  inFlight = undefined;
  if (linted && linted.version === version) {
    lintedVersion = version;
    latestJson = response.findingsJson;
    // Same findings at the same lines and columns: the editor's markers, moved along with the edits, are
    // already these, and the list need not be re-rendered (nor re-announced).
    if (response.signature !== lastSignature) {
      lastSignature = response.signature;
      const findings = latestFindings();
      showFindings(editor, findings);
      renderFindings(findingsList, findings, rules, { goTo, apply });
      findingsSummary.textContent = summary(findings);
    }
    findingsRegion.dataset.version = String(version);
    findingsRegion.dataset.count = response.signature.slice(0, response.signature.indexOf(':'));
    findingsRegion.dataset.lintMillis = String(Math.round(response.millis));
    showExplained(response.explained);
    if (!firstFindingsMarked) {
      firstFindingsMarked = true;
      performance.mark('ase-gpu:first-findings');
    }
  }
  if (queued || linted?.version !== version) {
    queued = false;
    lintNow();
    return;
  }
  setPending(false);
}

function onFix(response: Extract<Response, { kind: 'fix' }>): void {
  const asked = pendingFix;
  pendingFix = undefined;
  if (!asked || asked.id !== response.id) return;
  if (response.error) return say(response.error);
  if (asked.version !== version) return say('The manifest changed while the fixes were computed; press Fix all again.');
  if (response.output === undefined) return say('Nothing to fix.');
  replaceText(editor, response.output);
  say('Applied every fix.');
}

takeOver((response) => {
  if (response.kind === 'ready') {
    rules = response.rules;
    $('version').textContent = response.version;
    return;
  }
  if (response.kind === 'lint') onLint(response);
  else onFix(response);
});
worker.onerror = (event) => say(`The lint worker failed: ${event.message}`);

$('fix-all').addEventListener('click', () => {
  const id = ++requestId;
  pendingFix = { id, version };
  send({ kind: 'fix', id, code: editor.state.doc.toString(), settings: readSettings() });
});

$('share').addEventListener('click', async () => {
  updateHash(true);
  try {
    await navigator.clipboard.writeText(location.href);
    say('The link is copied: it holds the manifest and the settings.');
  } catch {
    say('The link in the address bar holds the manifest and the settings.');
  }
});

$('copy-manifest').addEventListener('click', async () => {
  output.value = editor.state.doc.toString();
  try {
    await navigator.clipboard.writeText(output.value);
    say('The manifest is copied.');
  } catch {
    output.select();
    say('The manifest is selected: copy it with the keyboard.');
  }
});

outputDetails.addEventListener('toggle', refreshOutput);

explainToggle.addEventListener('click', () => {
  const open = explainPane.hidden;
  explainPane.hidden = !open;
  explainToggle.setAttribute('aria-expanded', String(open));
  if (!open) highlightOrigin(editor, null);
  lintNow();
});

form.example.addEventListener('change', () => {
  const example = EXAMPLES.find((candidate) => candidate.id === form.example.value);
  if (!example) return;
  form.filename.value = example.filename;
  replaceText(editor, example.code);
  say(`Loaded: ${example.label}.`);
});

for (const input of [form.preset, form.filename, form.aseVersion, form.gpuCount, form.shares]) {
  input.addEventListener('change', () => {
    // New settings make the last findings stale as surely as an edit does.
    version++;
    lintNow();
    updateHash(false);
  });
}
$('settings').addEventListener('submit', (event) => event.preventDefault());
