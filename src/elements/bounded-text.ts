/**
 * Bounding what is laid out: a 20–50 MB text value in a table cell or a tooltip freezes the
 * page for many seconds, so views show a prefix of long texts. Stored values are untouched.
 */

/** Characters of a long text shown in a cell or tooltip. */
export const SHOWN_TEXT_LIMIT = 500;

/** `text` itself when it is short, else its first `limit` characters and '…'. */
export function boundedText(text: string, limit = SHOWN_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  // Do not cut a surrogate pair in half (an emoji or a rare CJK character).
  let end = limit;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
