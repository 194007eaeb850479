/** Gmail asks bulk senders to keep spam complaints below 0.1 % (and never reach 0.3 %). */
export const COMPLAINT_RATE_WARNING = 0.001;

export interface RateFigures {
  sent: number;
  bounced: number;
  hardBounced: number;
  softBounced: number;
  /** Delay notices (an MTA still retrying): counted apart, never in `bounced` or the bounce rate. */
  delayed: number;
  complained: number;
  unsubscribed: number;
}

/**
 * Rates are fractions of the copies sent (accepted by the relay): 0.0012 is 0.12 %. Null while
 * nothing has been sent.
 */
export interface DeliverabilityRates extends RateFigures {
  bounceRate: number | null;
  complaintRate: number | null;
  unsubscribeRate: number | null;
  /** The complaint rate is above 0.1 %. */
  complaintRateWarning: boolean;
}

const rate = (count: number, sent: number): number | null => (sent > 0 ? Math.round((count / sent) * 1e6) / 1e6 : null);

export function ratesOf(figures: RateFigures): DeliverabilityRates {
  const { sent, bounced, hardBounced, softBounced, delayed, complained, unsubscribed } = figures;
  const complaintRate = rate(figures.complained, figures.sent);
  return {
    sent,
    bounced,
    hardBounced,
    softBounced,
    delayed,
    complained,
    unsubscribed,
    bounceRate: rate(figures.bounced, figures.sent),
    complaintRate,
    unsubscribeRate: rate(figures.unsubscribed, figures.sent),
    complaintRateWarning: figures.sent > 0 && figures.complained / figures.sent > COMPLAINT_RATE_WARNING,
  };
}

/** Figures of several editions added up: a newsletter's over a period. */
export function sumOf(figures: RateFigures[]): RateFigures {
  const total: RateFigures = { sent: 0, bounced: 0, hardBounced: 0, softBounced: 0, delayed: 0, complained: 0, unsubscribed: 0 };
  for (const f of figures) for (const key of Object.keys(total) as Array<keyof RateFigures>) total[key] += f[key];
  return total;
}

/** A rate as the newsroom shows it: "0.12 %", or "–" while nothing has been sent. */
export function percent(value: number | null): string {
  if (value === null) return '–';
  const pct = value * 100;
  return `${pct.toFixed(pct !== 0 && pct < 0.1 ? 3 : 2)} %`;
}

/** Rates with their percentages written out, for the newsroom's pages. */
export function ratesForPage(rates: DeliverabilityRates) {
  return {
    ...rates,
    bounce: percent(rates.bounceRate),
    complaint: percent(rates.complaintRate),
    unsubscribe: percent(rates.unsubscribeRate),
    warningLine: percent(COMPLAINT_RATE_WARNING),
  };
}
