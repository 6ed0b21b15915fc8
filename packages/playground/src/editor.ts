/** The two CodeMirror views: the manifest (JSON, lint markers, origin highlight) and the explain YAML (read-only). */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, foldGutter, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import type { Finding } from './protocol.js';

const setOrigin = StateEffect.define<readonly [number, number] | null>();

/** The manifest range the selected explain line comes from. */
const originField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, transaction) {
    let next = value.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setOrigin)) continue;
      const range = effect.value;
      next = range ? Decoration.set([Decoration.mark({ class: 'cm-origin', attributes: { 'data-testid': 'origin-highlight' } }).range(range[0], Math.max(range[1], range[0] + 1))]) : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** tabindex on the text: axe (and some screen readers) count a contenteditable as focusable only with it. */
const base: Extension[] = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightActiveLine(),
  syntaxHighlighting(defaultHighlightStyle),
  // createOptions strings run to hundreds of columns: wrapped, their markers stay in view.
  EditorView.lineWrapping,
  // Tab stays with the browser (move focus), so the editor never traps keyboard users.
  keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
];

/**
 * Above this size the editor drops JSON highlighting: re-parsing after each keystroke costs tens of
 * milliseconds on a megabyte, and typing matters more than colour there (the lint markers stay).
 */
export const HIGHLIGHT_LIMIT = 512 * 1024;
const language = new Compartment();
const languageFor = (length: number): Extension => (length > HIGHLIGHT_LIMIT ? [] : json());

export function createManifestEditor(parent: HTMLElement, text: string, onChange: () => void): EditorView {
  let highlighted = text.length <= HIGHLIGHT_LIMIT;
  const view: EditorView = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        base,
        history(),
        foldGutter(),
        bracketMatching(),
        language.of(languageFor(text.length)),
        lintGutter(),
        originField,
        EditorView.contentAttributes.of({ tabindex: '0', 'data-testid': 'editor-text', 'aria-label': 'Deployment manifest (JSON)' }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const wanted = update.state.doc.length <= HIGHLIGHT_LIMIT;
          if (wanted !== highlighted) {
            highlighted = wanted;
            // An update cannot dispatch another; the switch follows it.
            queueMicrotask(() => view.dispatch({ effects: language.reconfigure(languageFor(view.state.doc.length)) }));
          }
          onChange();
        }),
      ],
    }),
  });
  return view;
}

export function createExplainView(parent: HTMLElement, onLine: (line: number) => void): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        base,
        EditorState.readOnly.of(true),
        EditorView.contentAttributes.of({ tabindex: '0', 'data-testid': 'explain-text', 'aria-label': 'Kubernetes objects the agent creates (YAML); the manifest text each line comes from is highlighted' }),
        EditorView.updateListener.of((update) => {
          if (update.selectionSet || update.docChanged) onLine(update.state.doc.lineAt(update.state.selection.main.head).number);
        }),
      ],
    }),
  });
}

export function replaceText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

export function highlightOrigin(view: EditorView, range: readonly [number, number] | null): void {
  const length = view.state.doc.length;
  const clamped = range && range[0] <= length ? ([range[0], Math.min(range[1], length)] as const) : null;
  view.dispatch({
    effects: [setOrigin.of(clamped), ...(clamped ? [EditorView.scrollIntoView(clamped[0], { y: 'center' })] : [])],
  });
}

/** The offset of ESLint's 1-based line and column. */
export function offsetAt(view: EditorView, line: number, column: number): number {
  const doc = view.state.doc;
  if (line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const info = doc.line(line);
  return Math.min(info.from + Math.max(column - 1, 0), info.to);
}

export function showFindings(view: EditorView, findings: readonly Finding[]): void {
  const diagnostics: Diagnostic[] = findings.map((finding) => {
    const from = offsetAt(view, finding.line, finding.column);
    const to = finding.endLine === undefined ? from : offsetAt(view, finding.endLine, finding.endColumn ?? finding.column);
    return {
      from,
      to: Math.max(to, from),
      severity: finding.severity === 2 ? 'error' : 'warning',
      source: finding.ruleId ?? undefined,
      message: finding.message,
    } as Diagnostic;
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}
