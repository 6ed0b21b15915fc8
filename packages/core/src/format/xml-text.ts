/**
 * Characters XML 1.0 forbids even as character references (§2.2): controls other than tab, line feed
 * and carriage return, unpaired surrogates, U+FFFE and U+FFFF. A module name or message holding one
 * would make the whole report ill-formed, so each becomes a visible `\uXXXX` instead.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function visible(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text with every character XML 1.0 cannot hold replaced by its visible `\uXXXX` escape. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, visible);
}

/**
 * An attribute value: markup characters escaped, and tab, line feed and carriage return as character
 * references, which attribute-value normalisation would otherwise turn into spaces.
 */
export function xmlAttribute(text: string): string {
  return xmlChars(text)
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&apos;')
    .replace(/\t/gu, '&#9;')
    .replace(/\n/gu, '&#10;')
    .replace(/\r/gu, '&#13;');
}

/** A CDATA section; `]]>` in the text is split across two sections. */
export function xmlCdata(text: string): string {
  return `<![CDATA[${xmlChars(text).replace(/\]\]>/gu, ']]]]><![CDATA[>')}]]>`;
}
