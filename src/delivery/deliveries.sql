/* @name snapshotAudience */
WITH audience AS (
  INSERT INTO deliveries (edition_id, subscriber_id, status)
  SELECT :editionId!, s.subscriber_id, 'pending'
  FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
  WHERE s.newsletter_id = :newsletterId! AND s.status = 'active' AND r.suppressed_at IS NULL
    AND (:sectors::int[] IS NULL OR r.job_sector_id = ANY(:sectors::int[]))
  RETURNING 1
)
INSERT INTO delivery_counts (edition_id, batch_size, total, deliver_by) SELECT :editionId!, :batchSize!, count(*), :deliverBy::timestamptz FROM audience RETURNING total;

/* @name countsOf */
SELECT edition_id AS "editionId", batch_size AS "batchSize", total, sent, failed, skipped, ambiguous, deliver_by AS "deliverBy"
FROM delivery_counts WHERE edition_id = ANY(:editionIds!::int[]);

/* @name isDone */
SELECT 1 AS "found!" FROM delivery_counts WHERE edition_id = :editionId! AND sent + failed + skipped >= total;

/* @name ranges */
SELECT min(subscriber_id) AS "firstId!", max(subscriber_id) AS "lastId!", bool_or(status IN ('pending', 'sending')) AS "open!"
FROM (SELECT subscriber_id, status, (row_number() OVER (ORDER BY subscriber_id) - 1) / :batchSize! AS batch
      FROM deliveries WHERE edition_id = :editionId!) numbered
GROUP BY batch ORDER BY batch;

/* @name openClaim */
-- ON CONFLICT: a retry after a cut that lost the answer, not a second run.
INSERT INTO delivery_claims (claim_token, edition_id, heartbeat_at) VALUES (:claimToken!, :editionId!, now()) ON CONFLICT (claim_token) DO NOTHING;

/* @name renewClaim */
UPDATE delivery_claims SET heartbeat_at = now(), suspected_at = NULL WHERE claim_token = :claimToken!;

/* @name closeClaim */
DELETE FROM delivery_claims WHERE claim_token = :claimToken!;

/* @name forgetOldClaims */
DELETE FROM delivery_claims WHERE heartbeat_at < now() - interval '1 day';

/* @name releaseAbandoned */
-- Two looks, quietMs apart: a run holding rows of the range that has been quiet for quietMs is
-- suspected first; its rows go back as ambiguous only if it is still quiet quietMs after that,
-- or at once when its claim is gone (the run ended without recording them).
WITH holders AS (
  SELECT DISTINCT claim_token FROM deliveries
  WHERE edition_id = :editionId! AND subscriber_id BETWEEN :firstId! AND :lastId! AND status = 'sending'
), quiet AS (
  SELECT c.claim_token, c.suspected_at FROM delivery_claims c JOIN holders h ON h.claim_token = c.claim_token
  WHERE c.heartbeat_at < now() - make_interval(secs => :quietMs! / 1000.0)
), suspected AS (
  UPDATE delivery_claims c SET suspected_at = now() FROM quiet q WHERE c.claim_token = q.claim_token AND q.suspected_at IS NULL
), released AS (
  UPDATE deliveries d SET status = 'pending', ambiguous = true, claim_token = NULL
  WHERE d.edition_id = :editionId! AND d.subscriber_id BETWEEN :firstId! AND :lastId! AND d.status = 'sending'
    AND (NOT EXISTS (SELECT 1 FROM delivery_claims c WHERE c.claim_token = d.claim_token)
         OR d.claim_token IN (SELECT claim_token FROM quiet WHERE suspected_at < now() - make_interval(secs => :quietMs! / 1000.0)))
  RETURNING 1
), counted AS (
  UPDATE delivery_counts SET ambiguous = ambiguous + (SELECT count(*) FROM released) WHERE edition_id = :editionId!
)
SELECT count(*)::int AS "n!" FROM released;

/* @name heldByOthers */
SELECT 1 AS "found!" FROM deliveries WHERE edition_id = :editionId! AND subscriber_id BETWEEN :firstId! AND :lastId! AND status = 'sending' AND claim_token <> :claimToken! LIMIT 1;

/* @name claim */
WITH held AS (
  -- On a retry only: rows this run claimed past `after` whose answer it never got (the connection
  -- was cut after the commit). They are its own, so it takes them back instead of leaving them
  -- claimed by a live run that does not know it holds them.
  SELECT subscriber_id, attempts, ambiguous FROM deliveries
  WHERE :retry!::boolean AND edition_id = :editionId! AND subscriber_id > :after! AND subscriber_id <= :lastId!
    AND status = 'sending' AND claim_token = :claimToken!
), claimed AS (
  UPDATE deliveries SET status = 'sending', claim_token = :claimToken!, attempts = attempts + 1
  WHERE edition_id = :editionId! AND subscriber_id > :after! AND subscriber_id <= :lastId! AND status = 'pending'
    AND NOT EXISTS (SELECT 1 FROM held)
    AND EXISTS (SELECT 1 FROM editions WHERE id = :editionId! AND status = 'sending')
    AND subscriber_id = ANY(ARRAY(
      SELECT subscriber_id FROM deliveries
      WHERE edition_id = :editionId! AND subscriber_id > :after! AND subscriber_id <= :lastId! AND status = 'pending'
        AND (next_attempt_at IS NULL OR next_attempt_at <= now())
      ORDER BY subscriber_id LIMIT :limit!))
  RETURNING subscriber_id, attempts, ambiguous
), taken AS (
  SELECT subscriber_id, attempts, ambiguous FROM held UNION ALL SELECT subscriber_id, attempts, ambiguous FROM claimed
)
SELECT c.subscriber_id AS "subscriber_id!", c.attempts AS "attempts!", c.ambiguous AS "ambiguous!", r.email, r.public_id,
       coalesce(s.status = 'active' AND r.suppressed_at IS NULL, false) AS "deliverable!", r.job_sector_id AS sector_id
FROM taken c LEFT JOIN subscribers r ON r.id = c.subscriber_id
  LEFT JOIN subscriptions s ON s.subscriber_id = c.subscriber_id AND s.newsletter_id = :newsletterId!
ORDER BY c.subscriber_id;

/* @name record */
-- newlyAmbiguous: the row was not ambiguous when claimed, and a relay may have taken its message
-- without saying so (the connection dropped after the whole message went over).
WITH outcome AS (
  SELECT * FROM unnest(:ids!::int[], :statuses!::text[], :messageIds!::text[], :smtpCodes!::int[], :errors!::text[], :retryAts!::timestamptz[],
                       :relays!::text[], :newlyAmbiguous!::boolean[])
    AS o(subscriber_id, status, message_id, smtp_code, last_error, retry_at, relay, newly_ambiguous)
), recorded AS (
  UPDATE deliveries d SET status = o.status, claim_token = NULL, smtp_code = o.smtp_code, last_error = coalesce(o.last_error, d.last_error),
    message_id = coalesce(o.message_id, d.message_id), next_attempt_at = o.retry_at,
    sent_at = CASE WHEN o.status = 'sent' THEN now() ELSE d.sent_at END,
    relay = coalesce(o.relay, d.relay), ambiguous = d.ambiguous OR o.newly_ambiguous
  FROM outcome o
  WHERE d.edition_id = :editionId! AND d.subscriber_id BETWEEN :firstId! AND :lastId!
    AND d.subscriber_id = o.subscriber_id AND d.claim_token = :claimToken! AND d.status = 'sending'
  RETURNING d.status, o.newly_ambiguous
)
UPDATE delivery_counts SET sent = sent + (SELECT count(*) FROM recorded WHERE status = 'sent'),
  failed = failed + (SELECT count(*) FROM recorded WHERE status = 'failed'),
  skipped = skipped + (SELECT count(*) FROM recorded WHERE status = 'skipped'),
  ambiguous = ambiguous + (SELECT count(*) FROM recorded WHERE newly_ambiguous)
WHERE edition_id = :editionId!;

/* @name failuresByCode */
SELECT smtp_code, count(*) AS count, (array_agg(last_error ORDER BY sent_at DESC NULLS LAST, subscriber_id DESC))[1] AS last_error
FROM deliveries WHERE edition_id = :editionId! AND status = 'failed' GROUP BY smtp_code ORDER BY count(*) DESC;

/* @name sentByRelay */
SELECT relay, count(*)::int AS "sent!" FROM deliveries WHERE edition_id = :editionId! AND status = 'sent' GROUP BY relay ORDER BY count(*) DESC, relay;

/* @name nextRetry */
SELECT min(next_attempt_at) AS next FROM deliveries
WHERE edition_id = :editionId! AND subscriber_id BETWEEN :firstId! AND :lastId! AND status = 'pending';

/* @name receivedBy */
SELECT e.id AS "editionId", e.newsletter_id AS "newsletterId", e.subject, d.sent_at AS "sentAt!"
FROM editions e CROSS JOIN LATERAL (
  SELECT sent_at FROM deliveries WHERE edition_id = e.id AND subscriber_id = :subscriberId! AND status = 'sent'
) d
ORDER BY d.sent_at, e.id;

/* @name eraseErrors */
UPDATE deliveries SET last_error = NULL
WHERE edition_id = ANY(ARRAY(SELECT id FROM editions)) AND subscriber_id = :subscriberId! AND last_error IS NOT NULL;

/* @name cancelPending */
UPDATE deliveries SET status = 'cancelled' WHERE edition_id = :editionId! AND status = 'pending';

/* @name editionOfMessage */
SELECT edition_id FROM deliveries
WHERE edition_id = ANY(ARRAY(SELECT id FROM editions WHERE started_at > now() - interval '90 days'))
  AND subscriber_id = :subscriberId! AND message_id = :messageId!
LIMIT 1;

/* @name lastEditionSentTo */
SELECT edition_id FROM deliveries
WHERE edition_id = ANY(ARRAY(SELECT id FROM editions WHERE started_at > :at!::timestamptz - interval '30 days' AND started_at <= :at!::timestamptz + interval '1 minute'))
  AND subscriber_id = :subscriberId! AND status = 'sent' AND sent_at <= :at!::timestamptz + interval '1 minute'
ORDER BY sent_at DESC LIMIT 1;

/* @name hasDelivery */
SELECT 1 AS "found!" FROM deliveries WHERE edition_id = :editionId! AND subscriber_id = :subscriberId!;

/* @name recentRates */
-- A newsletter's last sent editions: copies and seconds from start to end. Reads editions (the
-- editions module's) for the newsletter, the status and the times.
SELECT c.sent AS "sent!", extract(epoch FROM e.finished_at - e.started_at)::float8 AS "seconds!"
FROM editions e JOIN delivery_counts c ON c.edition_id = e.id
WHERE e.newsletter_id = :newsletterId! AND e.status = 'sent' AND e.started_at IS NOT NULL AND e.finished_at IS NOT NULL AND c.sent >= :minSent!
ORDER BY e.id DESC LIMIT :limit!;

/* @name ensurePartitions */
-- This month's and the next month's blocks of `deliveries`, and the editions' id sequence at this
-- month's block (a function of the PartitionedDeliveries migration, which uses it too).
SELECT delivery_partitions_ensure(now(), :editionIdsPerMonth!) AS "made!";

/* @name expiredPartitions */
-- Blocks whose month ended more than retentionDays ago, none of whose editions is still sending
-- or paused, or started within retentionDays (a draft of an old month sent late keeps its block).
-- Reads editions (the editions module's) for their status and start.
SELECT p.name AS "name!", p.month::text AS "month!" FROM delivery_partitions p
WHERE p.month + interval '1 month' < now() - make_interval(days => :retentionDays!)
  AND NOT EXISTS (
    SELECT 1 FROM editions e WHERE e.id >= p.first_edition_id AND e.id < p.end_edition_id
      AND (e.status IN ('sending', 'paused') OR e.started_at >= now() - make_interval(days => :retentionDays!)))
ORDER BY p.first_edition_id;

/* @name dropPartition */
SELECT delivery_partition_drop(:name!) AS "dropped!";
