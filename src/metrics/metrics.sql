/* @name accountEmailsOwed */
-- Account emails (the signup module table) not yet sent or skipped, the confirmation backlog by kind.
SELECT kind, count(*)::int AS "owed!", extract(epoch FROM now() - min(created_at))::float8 AS "oldestSeconds!"
FROM account_emails WHERE sent_at IS NULL AND skipped_at IS NULL AND failed_at IS NULL GROUP BY kind;

/* @name signupRequestsWaiting */
-- Sign-ups stored and not yet carried out (signup_requests, a row goes once done).
SELECT count(*)::int AS "n!" FROM signup_requests;

/* @name sendingEditions */
-- Editions now sending (editions, newsletters) with their counters (delivery_counts).
-- lateSeconds: with a deadline, when the send ends at the rate kept since it started, less the
-- deadline (above 0: it will be late); null without a deadline or before anything was sent.
SELECT e.id AS "editionId", n.slug AS newsletter, c.total, c.sent, c.failed, c.skipped, c.ambiguous,
       CASE WHEN c.deliver_by IS NULL OR e.started_at IS NULL OR c.sent + c.failed + c.skipped = 0 THEN NULL
            ELSE extract(epoch FROM now() - c.deliver_by)
                 + greatest(c.total - c.sent - c.failed - c.skipped, 0) * extract(epoch FROM now() - e.started_at) / (c.sent + c.failed + c.skipped)
       END::float8 AS "lateSeconds"
FROM editions e JOIN newsletters n ON n.id = e.newsletter_id JOIN delivery_counts c ON c.edition_id = e.id
WHERE e.status = 'sending';

/* @name windowRates */
-- Per newsletter, the copies sent and the readers who bounced or complained, over the editions
-- that started sending in the last 24 hours and in the last 30 days (editions, delivery_counts,
-- deliverability_counts), counted as the dashboard counts them (a reader once per edition; delays are not bounces).
WITH e AS (
  SELECT e.id, e.newsletter_id, e.started_at, coalesce(c.sent, 0) AS sent
  FROM editions e LEFT JOIN delivery_counts c ON c.edition_id = e.id WHERE e.started_at > now() - interval '30 days'
)
SELECT n.slug AS newsletter, w.name AS "window!", coalesce(sum(e.sent), 0)::int AS "sent!",
       coalesce(sum(events.bounced), 0)::int AS "bounced!", coalesce(sum(events.complained), 0)::int AS "complained!"
FROM newsletters n
  CROSS JOIN (VALUES ('24h', interval '24 hours'), ('30d', interval '30 days')) AS w(name, span)
  LEFT JOIN e ON e.newsletter_id = n.id AND e.started_at > now() - w.span
  LEFT JOIN deliverability_counts events ON events.edition_id = e.id
GROUP BY n.slug, w.name;
