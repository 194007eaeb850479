/**
 * Whether a send under way will miss its deadline at the rate it has kept since it started:
 * when it would finish and how late; null when it keeps to it (or cannot tell yet).
 */
export function behindDeadline(
  send: { open: number; done: number; startedAt: Date; deadline: Date },
  now: Date,
): { finishAt: Date; lateSeconds: number; perSecond: number } | null {
  const elapsed = (now.getTime() - send.startedAt.getTime()) / 1000;
  if (send.open === 0 || send.done === 0 || elapsed <= 0) return null;
  const perSecond = send.done / elapsed;
  const finishAt = new Date(now.getTime() + (send.open / perSecond) * 1000);
  const lateSeconds = Math.round((finishAt.getTime() - send.deadline.getTime()) / 1000);
  return lateSeconds > 0 ? { finishAt, lateSeconds, perSecond } : null;
}
