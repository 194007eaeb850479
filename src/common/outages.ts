/**
 * Whether an error means a server we depend on (PostgreSQL, Redis) cannot be reached or is
 * restarting, rather than that the request or the code is wrong: the caller waits, or answers
 * 503, instead of failing for good.
 */
export function isOutage(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error as Record<string, unknown> | undefined; e && typeof e === 'object' && !seen.has(e); ) {
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || /^(08|57P0[123])/.test(code)) return true;
    const name = typeof e.name === 'string' ? e.name : '';
    if (name === 'MaxRetriesPerRequestError') return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (OUTAGE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    e = (e.driverError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return false;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ENOENT']);

const OUTAGE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is closed/i,
  /Stream isn't writeable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

/** Retry `work` while it fails with an outage, waiting longer each time (at most `maxDelayMs`). */
export async function throughOutages<T>(
  work: () => Promise<T>,
  options: { onOutage?: (error: unknown, attempt: number) => void; giveUp?: () => boolean; maxDelayMs?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isOutage(error) || options.giveUp?.()) throw error;
      options.onOutage?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** Math.min(attempt, 10), options.maxDelayMs ?? 2000)));
    }
  }
}
