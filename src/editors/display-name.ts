/** The longest display name the newsroom keeps. */
export const DISPLAY_NAME_MAX = 100;

/**
 * Characters a name may not hold: control characters (tabs, line breaks, escapes), line and
 * paragraph separators, and the bidirectional marks and overrides that would make a name in the
 * audit log or a sign-off read as something it is not. Joiners stay: some scripts need them.
 */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * A display name as a member of the team gives it: trimmed and in NFC; empty means none (they are
 * named by their address). Anything but text, a name over 100 characters or one holding a control
 * character is refused with the reason.
 */
export function checkDisplayName(value: unknown): { ok: true; name: string | null } | { ok: false; message: string } {
  if (typeof value !== 'string') return { ok: false, message: 'Enter a display name, or leave it empty to be named by your email address' };
  const name = value.normalize('NFC').trim();
  if (name === '') return { ok: true, name: null };
  if ([...name].length > DISPLAY_NAME_MAX) return { ok: false, message: `A display name has at most ${DISPLAY_NAME_MAX} characters` };
  if (FORBIDDEN.test(name)) return { ok: false, message: 'A display name cannot hold control characters such as tabs or line breaks' };
  return { ok: true, name };
}
