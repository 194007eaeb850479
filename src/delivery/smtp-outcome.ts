/** What a failed SMTP attempt for one recipient came to, and what to do about it. */
export type SmtpFailure =
  /** A 5xx: never retried. `suppress`: the address itself was refused, so it is never mailed again. */
  | { kind: 'failed'; code: number; error: string; suppress: boolean }
  /**
   * A 4xx, a timeout or a dropped connection: tried again later. `maybeAccepted`: the connection
   * dropped after the whole message went over, so the relay may have it; sent again, the reader
   * may get two copies (counted as ambiguous).
   */
  | { kind: 'retry'; code: number | null; error: string; maybeAccepted: boolean };

interface SmtpError {
  message?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  code?: string;
  maybeAccepted?: boolean;
}

/**
 * Decides an error's fate. A 5xx reply fails the recipient for good; it also suppresses the
 * address unless the server refused our sender (MAIL FROM), which says nothing about the reader.
 * Everything else (4xx, timeouts, resets, a server that went away) is temporary.
 */
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = (error ?? {}) as SmtpError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text = (e.response ?? e.message ?? String(error)).slice(0, 500);
  if (code !== null && code >= 500) return { kind: 'failed', code, error: text, suppress: e.command !== 'MAIL FROM' };
  return { kind: 'retry', code, error: code === null && e.code ? `${e.code}: ${text}` : text, maybeAccepted: code === null && e.maybeAccepted === true };
}

/** Exponential backoff: base, 2×base, 4×base, … capped at an hour. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
}
