/**
 * Text from the corpus (titles, abstracts, author names) and from users (an echoed option value)
 * reaches a terminal. A terminal obeys control characters and escape sequences in it: one can
 * set the window title (`ESC ] 0 ; … BEL`), clear the screen (`ESC [ 2 J`), hide the text that
 * follows (`ESC [ 8 m`), ring the bell, or rewrite a line already printed (`CR`). This module
 * makes such text inert, as the Slack and Discord adapters escape their own markup.
 */

/**
 * Escape sequences, removed whole so no half of one ("[2J") is left in the text:
 * - strings: OSC (`ESC ]`, 8-bit `0x9D`) and DCS/SOS/PM/APC (`ESC P`, `ESC X`, `ESC ^`, `ESC _`,
 *   8-bit `0x90`, `0x98`, `0x9E`, `0x9F`), up to their terminator (BEL, `ESC \` or `0x9C`);
 * - CSI (`ESC [`, 8-bit `0x9B`): parameter and intermediate bytes, then one final byte;
 * - any other `ESC` + intermediates + final byte (`ESC c` resets the terminal, `ESC ( 0` switches charset).
 * An unterminated string or CSI keeps its text: once its introducer is gone it is plain text.
 */
const ESCAPE_SEQUENCE =
  /(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b[ -/]*[0-~]/g;

/** Control characters a terminal acts on: C0 except tab and newline, DEL, and C1. */
const CONTROL_CHARACTER = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const HAS_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/**
 * The text with every terminal escape sequence and control character removed; tabs and
 * newlines stay (a CR is dropped, so "\r\n" becomes "\n"). Text without any is returned as is.
 */
export function terminalSafe(text: string): string {
  if (!HAS_CONTROL.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL_CHARACTER, '');
}

/**
 * JSON for a terminal or a pipe: `JSON.stringify` escapes C0 characters inside strings but
 * writes DEL and C1 characters (`0x9B` is a CSI to some terminals) raw. They are escaped here as
 * `\u00XX`, which keeps the JSON valid and every value unchanged.
 */
export function terminalSafeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
