const BOM = '\uFEFF';

/** A file's text split from its byte-order mark: ESLint lints the body, writes put the mark back. */
export function splitBom(text: string): { bom: boolean; body: string } {
  return text.startsWith(BOM) ? { bom: true, body: text.slice(1) } : { bom: false, body: text };
}

export function withBom(bom: boolean, body: string): string {
  return bom ? BOM + body : body;
}

/** Line starts (`\r\n`, `\n`, `\r`) and the line that holds an offset. */
export { lastAtOrBefore, lineStarts } from 'eslint-plugin-ase-gpu/manifest';
