import { describe, expect, it } from 'vitest';
import { detectTextStyle } from '../../src/manifest/text-style.js';

describe('detectTextStyle: indentation unit', () => {
  it('ignores a whitespace-only line holding a tab in a space-indented file', () => {
    expect(detectTextStyle('{\n\t\n  "a": {\n    "b": 1\n  }\n}\n').indentUnit).toBe('  ');
    expect(detectTextStyle('{\r\n \t \r\n    "a": 1\r\n}\r\n').indentUnit).toBe('    ');
  });

  it('ignores whitespace-only lines of spaces narrower than the indentation, and one at the end of the text', () => {
    expect(detectTextStyle('{\n \n    "a": 1\n}\n ').indentUnit).toBe('    ');
  });

  it('still finds tab indentation on lines that hold something', () => {
    expect(detectTextStyle('{\n  \n\t"a": 1\n}\n').indentUnit).toBe('\t');
  });

  it('falls back to two spaces when no line is indented', () => {
    expect(detectTextStyle('{"a": 1}').indentUnit).toBe('  ');
    expect(detectTextStyle('{\n\t\n"a": 1}').indentUnit).toBe('  ');
  });
});
