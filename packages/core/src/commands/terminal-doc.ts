/**
 * A rule page (the subset of markdown our pages use) as plain text for a terminal: headings
 * underlined, paragraphs and list items wrapped, code blocks indented, tables aligned, links as their
 * text and address; no markdown syntax left.
 */

const RULE_PAGE = /^(?:\.\/)?([a-z0-9-]+)\.md(?:#[\w-]*)?$/u;

/** Inline markdown as text: `code` → code, **strong** → strong, [text](url) → text (url). */
export function inlineText(text: string): string {
  return text
    .replace(/\[([^[\]]+)\]\(([^()\s]+)\)/gu, (_, label: string, url: string) => {
      const rule = RULE_PAGE.exec(url);
      if (rule) return `${label} (ase-gpu-lint rules ${rule[1]})`;
      return label === url ? url : `${label} (${url})`;
    })
    .replace(/<(https?:\/\/[^>\s]+)>/gu, '$1')
    .replace(/`([^`]+)`/gu, '$1')
    .replace(/\*\*([^*]+)\*\*/gu, '$1')
    .replace(/__([^_]+)__/gu, '$1')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*(?=[\s).,;:]|$)/gu, '$1$2');
}

/** Words of `text` in lines of at most `width` columns (a longer word gets a line of its own). */
export function wrap(text: string, width: number, firstIndent: string, indent: string): string[] {
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}

function tableLines(rows: string[]): string[] {
  const cells = rows
    .filter((row) => !/^\|?\s*:?-{3,}/u.test(row))
    .map((row) => row.replace(/^\|/u, '').replace(/\|\s*$/u, '').split('|').map((cell) => inlineText(cell.trim())));
  const widths: number[] = [];
  for (const row of cells) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return cells.map((row) => `  ${row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index]!))).join('  ')}`.trimEnd());
}

const LIST_ITEM = /^(\s*)([-*+]|\d+\.)\s+(.*)$/u;

export function renderTerminalDoc(markdown: string, width = 80): string {
  const source = markdown.replace(/<!--[\s\S]*?-->\n?/gu, '').replace(/\r\n?/gu, '\n').split('\n');
  const out: string[] = [];
  const blank = (): void => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  let index = 0;
  while (index < source.length) {
    const line = source[index]!;
    if (line.trim() === '') {
      index++;
      continue;
    }
    const fence = /^\s*(```|~~~)/u.exec(line);
    if (fence) {
      blank();
      index++;
      while (index < source.length && !source[index]!.trimStart().startsWith(fence[1]!)) out.push(`    ${source[index++]}`.trimEnd());
      index++;
      blank();
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/u.exec(line);
    if (heading) {
      blank();
      const text = inlineText(heading[2]!);
      out.push(text);
      if (heading[1]!.length <= 2) out.push((heading[1]!.length === 1 ? '=' : '-').repeat(text.length));
      out.push('');
      index++;
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      const rows: string[] = [];
      while (index < source.length && source[index]!.trimStart().startsWith('|')) rows.push(source[index++]!.trim());
      blank();
      out.push(...tableLines(rows));
      blank();
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const depth = Math.floor(item[1]!.length / 2);
      const marker = /\d/u.test(item[2]!) ? `${item[2]} ` : '- ';
      let text = item[3]!;
      index++;
      // Continuation lines: indented text that is not a new item, fence or blank line.
      while (index < source.length && /^\s+\S/u.test(source[index]!) && !LIST_ITEM.test(source[index]!) && !/^\s*(```|~~~)/u.test(source[index]!)) text += ` ${source[index++]!.trim()}`;
      const lead = `${'  '.repeat(depth + 1)}`;
      out.push(...wrap(inlineText(text), width, `${lead}${marker}`, `${lead}${' '.repeat(marker.length)}`));
      if (index >= source.length || !LIST_ITEM.test(source[index]!)) blank();
      continue;
    }
    const quote = /^>\s?(.*)$/u.exec(line);
    const paragraph: string[] = [];
    if (quote) {
      while (index < source.length && /^>/u.test(source[index]!)) paragraph.push(source[index++]!.replace(/^>\s?/u, ''));
      out.push(...wrap(inlineText(paragraph.join(' ')), width, '  | ', '  | '));
      blank();
      continue;
    }
    while (index < source.length && source[index]!.trim() !== '' && !/^(#{1,6}\s|\s*(```|~~~)|\s*\||>)/u.test(source[index]!) && !LIST_ITEM.test(source[index]!)) {
      paragraph.push(source[index++]!.trim());
    }
    out.push(...wrap(inlineText(paragraph.join(' ')), width, '', ''));
    blank();
  }
  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
