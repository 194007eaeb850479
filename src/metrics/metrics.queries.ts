/** Types generated for queries found in "src/metrics/metrics.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

/** 'AccountEmailsOwed' parameters type */
export type IAccountEmailsOwedParams = void;

/** 'AccountEmailsOwed' return type */
export interface IAccountEmailsOwedResult {
  kind: string;
  oldestSeconds: number;
  owed: number;
}

/** 'AccountEmailsOwed' query type */
export interface IAccountEmailsOwedQuery {
  params: IAccountEmailsOwedParams;
  result: IAccountEmailsOwedResult;
}

const accountEmailsOwedIR: any = {"usedParamSet":{},"params":[],"statement":"-- Account emails (the signup module table) not yet sent or skipped, the confirmation backlog by kind.\nSELECT kind, count(*)::int AS \"owed!\", extract(epoch FROM now() - min(created_at))::float8 AS \"oldestSeconds!\"\nFROM account_emails WHERE sent_at IS NULL AND skipped_at IS NULL AND failed_at IS NULL GROUP BY kind"};

/**
 * Query generated from SQL:
 * ```
 * -- Account emails (the signup module table) not yet sent or skipped, the confirmation backlog by kind.
 * SELECT kind, count(*)::int AS "owed!", extract(epoch FROM now() - min(created_at))::float8 AS "oldestSeconds!"
 * FROM account_emails WHERE sent_at IS NULL AND skipped_at IS NULL AND failed_at IS NULL GROUP BY kind
 * ```
 */
export const accountEmailsOwed = new PreparedQuery<IAccountEmailsOwedParams,IAccountEmailsOwedResult>(accountEmailsOwedIR);


/** 'SignupRequestsWaiting' parameters type */
export type ISignupRequestsWaitingParams = void;

/** 'SignupRequestsWaiting' return type */
export interface ISignupRequestsWaitingResult {
  n: number;
}

/** 'SignupRequestsWaiting' query type */
export interface ISignupRequestsWaitingQuery {
  params: ISignupRequestsWaitingParams;
  result: ISignupRequestsWaitingResult;
}

const signupRequestsWaitingIR: any = {"usedParamSet":{},"params":[],"statement":"-- Sign-ups stored and not yet carried out (signup_requests, a row goes once done).\nSELECT count(*)::int AS \"n!\" FROM signup_requests"};

/**
 * Query generated from SQL:
 * ```
 * -- Sign-ups stored and not yet carried out (signup_requests, a row goes once done).
 * SELECT count(*)::int AS "n!" FROM signup_requests
 * ```
 */
export const signupRequestsWaiting = new PreparedQuery<ISignupRequestsWaitingParams,ISignupRequestsWaitingResult>(signupRequestsWaitingIR);


/** 'SendingEditions' parameters type */
export type ISendingEditionsParams = void;

/** 'SendingEditions' return type */
export interface ISendingEditionsResult {
  ambiguous: number;
  editionId: number;
  failed: number;
  lateSeconds: number | null;
  newsletter: string;
  sent: number;
  skipped: number;
  total: number;
}

/** 'SendingEditions' query type */
export interface ISendingEditionsQuery {
  params: ISendingEditionsParams;
  result: ISendingEditionsResult;
}

const sendingEditionsIR: any = {"usedParamSet":{},"params":[],"statement":"-- Editions now sending (editions, newsletters) with their counters (delivery_counts).\n-- lateSeconds: with a deadline, when the send ends at the rate kept since it started, less the\n-- deadline (above 0: it will be late); null without a deadline or before anything was sent.\nSELECT e.id AS \"editionId\", n.slug AS newsletter, c.total, c.sent, c.failed, c.skipped, c.ambiguous,\n       CASE WHEN c.deliver_by IS NULL OR e.started_at IS NULL OR c.sent + c.failed + c.skipped = 0 THEN NULL\n            ELSE extract(epoch FROM now() - c.deliver_by)\n                 + greatest(c.total - c.sent - c.failed - c.skipped, 0) * extract(epoch FROM now() - e.started_at) / (c.sent + c.failed + c.skipped)\n       END::float8 AS \"lateSeconds\"\nFROM editions e JOIN newsletters n ON n.id = e.newsletter_id JOIN delivery_counts c ON c.edition_id = e.id\nWHERE e.status = 'sending'"};

/**
 * Query generated from SQL:
 * ```
 * -- Editions now sending (editions, newsletters) with their counters (delivery_counts).
 * -- lateSeconds: with a deadline, when the send ends at the rate kept since it started, less the
 * -- deadline (above 0: it will be late); null without a deadline or before anything was sent.
 * SELECT e.id AS "editionId", n.slug AS newsletter, c.total, c.sent, c.failed, c.skipped, c.ambiguous,
 *        CASE WHEN c.deliver_by IS NULL OR e.started_at IS NULL OR c.sent + c.failed + c.skipped = 0 THEN NULL
 *             ELSE extract(epoch FROM now() - c.deliver_by)
 *                  + greatest(c.total - c.sent - c.failed - c.skipped, 0) * extract(epoch FROM now() - e.started_at) / (c.sent + c.failed + c.skipped)
 *        END::float8 AS "lateSeconds"
 * FROM editions e JOIN newsletters n ON n.id = e.newsletter_id JOIN delivery_counts c ON c.edition_id = e.id
 * WHERE e.status = 'sending'
 * ```
 */
export const sendingEditions = new PreparedQuery<ISendingEditionsParams,ISendingEditionsResult>(sendingEditionsIR);


/** 'WindowRates' parameters type */
export type IWindowRatesParams = void;

/** 'WindowRates' return type */
export interface IWindowRatesResult {
  bounced: number;
  complained: number;
  newsletter: string;
  sent: number;
  window: string;
}

/** 'WindowRates' query type */
export interface IWindowRatesQuery {
  params: IWindowRatesParams;
  result: IWindowRatesResult;
}

const windowRatesIR: any = {"usedParamSet":{},"params":[],"statement":"-- Per newsletter, the copies sent and the readers who bounced or complained, over the editions\n-- that started sending in the last 24 hours and in the last 30 days (editions, delivery_counts,\n-- deliverability_counts), counted as the dashboard counts them (a reader once per edition; delays are not bounces).\nWITH e AS (\n  SELECT e.id, e.newsletter_id, e.started_at, coalesce(c.sent, 0) AS sent\n  FROM editions e LEFT JOIN delivery_counts c ON c.edition_id = e.id WHERE e.started_at > now() - interval '30 days'\n)\nSELECT n.slug AS newsletter, w.name AS \"window!\", coalesce(sum(e.sent), 0)::int AS \"sent!\",\n       coalesce(sum(events.bounced), 0)::int AS \"bounced!\", coalesce(sum(events.complained), 0)::int AS \"complained!\"\nFROM newsletters n\n  CROSS JOIN (VALUES ('24h', interval '24 hours'), ('30d', interval '30 days')) AS w(name, span)\n  LEFT JOIN e ON e.newsletter_id = n.id AND e.started_at > now() - w.span\n  LEFT JOIN deliverability_counts events ON events.edition_id = e.id\nGROUP BY n.slug, w.name"};

/**
 * Query generated from SQL:
 * ```
 * -- Per newsletter, the copies sent and the readers who bounced or complained, over the editions
 * -- that started sending in the last 24 hours and in the last 30 days (editions, delivery_counts,
 * -- deliverability_counts), counted as the dashboard counts them (a reader once per edition; delays are not bounces).
 * WITH e AS (
 *   SELECT e.id, e.newsletter_id, e.started_at, coalesce(c.sent, 0) AS sent
 *   FROM editions e LEFT JOIN delivery_counts c ON c.edition_id = e.id WHERE e.started_at > now() - interval '30 days'
 * )
 * SELECT n.slug AS newsletter, w.name AS "window!", coalesce(sum(e.sent), 0)::int AS "sent!",
 *        coalesce(sum(events.bounced), 0)::int AS "bounced!", coalesce(sum(events.complained), 0)::int AS "complained!"
 * FROM newsletters n
 *   CROSS JOIN (VALUES ('24h', interval '24 hours'), ('30d', interval '30 days')) AS w(name, span)
 *   LEFT JOIN e ON e.newsletter_id = n.id AND e.started_at > now() - w.span
 *   LEFT JOIN deliverability_counts events ON events.edition_id = e.id
 * GROUP BY n.slug, w.name
 * ```
 */
export const windowRates = new PreparedQuery<IWindowRatesParams,IWindowRatesResult>(windowRatesIR);


