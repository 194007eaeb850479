import { Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError } from '../common/domain-errors';
import { ReadersStore } from './readers.store';

/** Why an editor suppresses a reader or lifts it: required, for the record, and bounded. */
export function suppressionReasonProblem(reason: unknown): string | null {
  const why = typeof reason === 'string' ? reason.trim() : '';
  if (why === '') return 'Reason: say why, for the record';
  if (why.length > 1000) return 'Reason: at most 1,000 characters';
  return null;
}

/**
 * The one place a reader becomes suppressed or stops being: a server refusing the address for
 * good (a 5xx during a send), a provider's hard bounce, too many soft bounces, a complaint, an
 * editor, and erasure all come here. A suppressed reader is in no audience taken from then on,
 * and a send under way skips them at its next claim; their subscriptions, and so the consent
 * ledger, stay as they chose.
 */
@Injectable()
export class SuppressionService {
  constructor(private readonly store: ReadersStore) {}

  /** Suppresses whoever of these readers is not already; those it suppressed. */
  suppress(subscriberIds: number[], reason: string): Promise<number[]> {
    return this.store.suppress(subscriberIds, reason);
  }

  /**
   * An editor suppresses a reader, or lifts the suppression (an editor's or a bounce's), saying
   * why; reader_actions records who, in the same statement. `changed` is false when it already was so.
   */
  async setByEditor(subscriberId: number, suppressed: boolean, editorId: number, reason: unknown): Promise<{ email: string; changed: boolean }> {
    const email = await this.store.emailOf(subscriberId);
    if (email === null) throw new NotFoundError('No such reader');
    const problem = suppressionReasonProblem(reason);
    if (problem) throw new InvalidInputError([{ field: 'reason', message: problem }]);
    const why = (reason as string).trim();
    const changed = suppressed ? await this.store.suppressByEditor(subscriberId, editorId, why) : await this.store.unsuppressByEditor(subscriberId, editorId, why);
    return { email, changed };
  }

  /** Erasure: the reader stays suppressed for good, with a reason that quotes nothing. */
  forErasure(subscriberId: number): Promise<void> {
    return this.store.suppressErased(subscriberId);
  }
}
