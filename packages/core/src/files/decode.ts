import { isUtf8 } from 'node:buffer';

/**
 * A manifest's bytes as text, only when they are UTF-8 that survives the round trip: IoT Hub takes
 * UTF-8, and a fix written from text that replaced bad bytes with U+FFFD would silently change them.
 */
export type Decoded =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      /** A whole sentence saying what the bytes are and what to do. */
      readonly message: string;
      /** Where the problem starts (1-based, columns in characters as ESLint counts them). */
      readonly line: number;
      readonly column: number;
      /** The text decoded as well as it can be: enough to tell whether the file is a manifest. */
      readonly lenient: string;
    };

const UTF16_FIX = 'IoT Hub expects UTF-8: save the file as UTF-8.';

function lineAndColumn(text: string): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a)) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: text.length - lineStart + 1 };
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (lead < 0x80) length = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      // No overlong forms (E0 80..9F) and no surrogates (ED A0..BF).
      if (lead === 0xe0) min = 0xa0;
      if (lead === 0xed) max = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) min = 0x90;
      if (lead === 0xf4) max = 0x8f;
    } else return index;
    for (let next = 1; next < length; next++) {
      const byte = bytes[index + next];
      const low = next === 1 ? min : 0x80;
      const high = next === 1 ? max : 0xbf;
      if (byte === undefined || byte < low || byte > high) return index;
    }
    index += length;
  }
  return -1;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

export function decodeManifest(data: Uint8Array): Decoded {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const littleEndian = bytes[0] === 0xff;
    const lenient = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be').decode(bytes);
    return { ok: false, message: `This file is UTF-16 (${littleEndian ? 'little' : 'big'}-endian, with a byte-order mark); ${UTF16_FIX}`, line: 1, column: 1, lenient };
  }
  if (isUtf8(bytes)) return { ok: true, text: bytes.toString('utf8') };
  const offset = Math.max(0, firstInvalidUtf8(bytes));
  const before = bytes.subarray(0, offset).toString('utf8');
  const { line, column } = lineAndColumn(before);
  return {
    ok: false,
    message: `Byte ${hex(bytes[offset] ?? 0)} is not valid UTF-8 (Latin-1 or another 8-bit encoding?); IoT Hub expects UTF-8: save the file as UTF-8.`,
    line,
    column,
    lenient: bytes.toString('utf8'),
  };
}
