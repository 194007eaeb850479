import type { SubscriptionStatus } from './subscription.entity';

export interface SubscriptionChange {
  newsletterId: number;
  from: SubscriptionStatus | null;
  to: SubscriptionStatus;
}

/**
 * What the preference centre's save changes. The link came by mail, so ticking a newsletter
 * there is consent from the mailbox's owner and starts it at once (pending or not); unticking
 * one the reader receives or awaits leaves it; a newsletter left alone, or never joined, stays
 * as it is.
 */
export function subscriptionChanges(current: ReadonlyMap<number, SubscriptionStatus>, wanted: ReadonlySet<number>, newsletterIds: number[]): SubscriptionChange[] {
  const changes: SubscriptionChange[] = [];
  for (const newsletterId of newsletterIds) {
    const from = current.get(newsletterId) ?? null;
    const to: SubscriptionStatus | null = wanted.has(newsletterId) ? 'active' : from === 'active' || from === 'pending' ? 'unsubscribed' : from;
    if (to !== null && to !== from) changes.push({ newsletterId, from, to });
  }
  return changes;
}
