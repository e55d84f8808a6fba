/**
 * Bytes of a CSV file → text. Excel on a Chinese Windows saves "CSV" in GBK (code page 936)
 * and "CSV UTF-8" with a BOM; other tools write UTF-16 with a BOM. `decodeCsvBytes` takes
 * the BOM when there is one, else UTF-8 when the bytes are valid UTF-8, else GB18030 (a
 * superset of GBK that every TextDecoder in browsers and Node knows).
 */

/** The encodings `decodeCsvBytes` may report. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Decode a CSV file's bytes. The BOM is removed from `text`; `encoding` says which decoding
 * was used (`gb18030` for GBK files, whose bytes are not valid UTF-8).
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (a === 0xff && b === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (a === 0xfe && b === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: the bytes of Chinese Excel's "CSV (comma delimited)", i.e. GBK.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
