/** The findings list: one item per finding, with its rule page and its fix and suggestion buttons. */
import type { Finding, RuleInfo } from './protocol.js';

export interface FindingActions {
  goTo(finding: Finding): void;
  /** Applies the fix (no suggestion index) or a suggestion of the finding at this index of the latest lint. */
  apply(index: number, suggestion: number | undefined): void;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function item(finding: Finding, index: number, rules: Readonly<Record<string, RuleInfo>>, actions: FindingActions): HTMLLIElement {
  const severity = finding.severity === 2 ? 'error' : 'warning';
  const li = element('li', { className: `finding ${severity}` });
  li.dataset.ruleId = finding.ruleId ?? '';
  li.dataset.line = String(finding.line);
  li.dataset.column = String(finding.column);

  const where = element('button', { type: 'button', className: 'where', title: 'Show in the manifest' }, `${finding.line}:${finding.column}`);
  where.setAttribute('aria-label', `${finding.line}:${finding.column}, ${severity} at line ${finding.line}, column ${finding.column}: show in the manifest`);
  where.addEventListener('click', () => actions.goTo(finding));
  const badge = element('span', { className: `severity ${severity}` }, severity);
  const rule = finding.ruleId ?? 'parse error';
  const url = finding.ruleId ? rules[finding.ruleId]?.url : undefined;
  const ruleNode = url ? element('a', { href: url, target: '_blank', rel: 'noopener noreferrer', className: 'rule' }, rule) : element('span', { className: 'rule' }, rule);
  li.append(element('div', { className: 'head' }, where, ' ', badge, ' ', ruleNode), element('p', { className: 'message' }, finding.message));

  const buttons: HTMLButtonElement[] = [];
  if (finding.fix) {
    const button = element('button', { type: 'button', className: 'fix' }, 'Fix');
    button.setAttribute('aria-label', `Fix: ${rule} at line ${finding.line}`);
    button.addEventListener('click', () => actions.apply(index, undefined));
    buttons.push(button);
  }
  for (const [position, suggestion] of finding.suggestions.entries()) {
    const button = element('button', { type: 'button', className: 'suggestion' }, `Suggestion: ${suggestion.desc}`);
    button.addEventListener('click', () => actions.apply(index, position));
    buttons.push(button);
  }
  if (buttons.length > 0) li.append(element('div', { className: 'buttons' }, ...buttons));
  return li;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summary(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.';
  const errors = findings.filter((finding) => finding.severity === 2).length;
  const fixable = findings.filter((finding) => finding.fix).length;
  return `${count(errors, 'error')}, ${count(findings.length - errors, 'warning')}${fixable > 0 ? `; ${fixable} fixable` : ''}.`;
}

/** Items rendered at a time: thousands of findings in the page would make every keystroke relayout them. */
export const PAGE_SIZE = 200;

export function renderFindings(list: HTMLOListElement, findings: readonly Finding[], rules: Readonly<Record<string, RuleInfo>>, actions: FindingActions, shown = PAGE_SIZE): void {
  const items: Node[] = findings.slice(0, shown).map((finding, index) => item(finding, index, rules, actions));
  if (findings.length > shown) {
    const more = element('button', { type: 'button', className: 'more' }, `Show ${Math.min(PAGE_SIZE, findings.length - shown)} more of ${findings.length - shown} remaining findings`);
    more.addEventListener('click', () => {
      renderFindings(list, findings, rules, actions, shown + PAGE_SIZE);
      (list.children[shown] as HTMLElement | undefined)?.querySelector('button')?.focus();
    });
    items.push(element('li', { className: 'more' }, more));
  }
  list.replaceChildren(...items);
}
