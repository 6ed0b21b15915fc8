/**
 * A strict XML 1.0 well-formedness check for what the JUnit formatter writes: a declaration, nested
 * elements with quoted attributes, text, CDATA sections, the five predefined entities and numeric
 * character references. Returns the first problem, or undefined when the document is well formed.
 * Small on purpose: a dependency would be larger than the grammar the report uses.
 */
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/uy;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/uy;

export function xmlProblem(document: string): string | undefined {
  if (!XML_CHAR.test(document)) return 'a character XML 1.0 does not allow';
  let at = 0;
  const stack: string[] = [];
  let roots = 0;
  const fail = (what: string) => `${what} at offset ${at}`;
  const text = (end: string): string | undefined => {
    while (at < document.length && !document.startsWith(end, at)) {
      const char = document[at]!;
      if (char === '<') return fail('"<" in text');
      if (char === '&') {
        ENTITY.lastIndex = at;
        const match = ENTITY.exec(document);
        if (!match) return fail('an unknown entity');
        at += match[0].length;
        continue;
      }
      at++;
    }
    return undefined;
  };
  const declaration = /^<\?xml version="1\.0" encoding="utf-8"\?>/u.exec(document);
  if (declaration) at = declaration[0].length;
  while (at < document.length) {
    if (document.startsWith('<![CDATA[', at)) {
      if (stack.length === 0) return fail('CDATA outside the root');
      const end = document.indexOf(']]>', at + 9);
      if (end < 0) return fail('an unterminated CDATA section');
      at = end + 3;
    } else if (document.startsWith('</', at)) {
      at += 2;
      NAME.lastIndex = at;
      const name = NAME.exec(document)?.[0];
      if (name === undefined || name !== stack.pop()) return fail('a mismatched end tag');
      at += name.length;
      if (document[at] !== '>') return fail('an unterminated end tag');
      at++;
    } else if (document[at] === '<') {
      at++;
      NAME.lastIndex = at;
      const name = NAME.exec(document)?.[0];
      if (name === undefined) return fail('an element without a name');
      at += name.length;
      const seen = new Set<string>();
      for (;;) {
        const space = /[ \t\r\n]*/uy;
        space.lastIndex = at;
        const gap = space.exec(document)![0].length;
        at += gap;
        if (document.startsWith('/>', at) || document[at] === '>') break;
        if (gap === 0) return fail('attributes without space between them');
        NAME.lastIndex = at;
        const attribute = NAME.exec(document)?.[0];
        if (attribute === undefined || seen.has(attribute)) return fail('a bad or repeated attribute');
        seen.add(attribute);
        at += attribute.length;
        const quote = document.slice(at, at + 2);
        if (quote !== '="' && quote !== "='") return fail('an unquoted attribute');
        at += 2;
        const problem = text(quote[1]!);
        if (problem) return problem;
        if (at >= document.length) return fail('an unterminated attribute');
        at++;
      }
      if (stack.length === 0 && ++roots > 1) return fail('a second root element');
      if (document.startsWith('/>', at)) at += 2;
      else {
        stack.push(name);
        at++;
      }
    } else if (stack.length === 0) {
      if (!/[ \t\r\n]/u.test(document[at]!)) return fail('text outside the root');
      at++;
    } else {
      const problem = text('<');
      if (problem) return problem;
    }
  }
  if (stack.length > 0) return fail(`an unclosed <${stack.at(-1)}>`);
  return roots === 1 ? undefined : 'no root element';
}
