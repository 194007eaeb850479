/* @name lockSubscriber */
SELECT pg_advisory_xact_lock(hashtext('deliverability'), :subscriberId!);

/* @name lockEvent */
-- Deliveries of one provider's event take turns until the caller's transaction ends, so `insert` sees the first.
SELECT pg_advisory_xact_lock(hashtext('deliverability event'), hashtext(:provider!::text || ' ' || :eventId!::text));

/* @name insert */
-- Once per (provider, event id) in every month's partition: the unique index holds occurred_at too
-- (a partitioned table's must), so a replay dated otherwise is caught by NOT EXISTS, under lockEvent.
INSERT INTO deliverability_events (provider, event_id, type, subscriber_id, edition_id, message_id, detail, occurred_at, created_at)
SELECT :provider!::text, :eventId!::text, :type!::text, :subscriberId::int, :editionId::int, :messageId::text, :detail!::jsonb, :occurredAt!::timestamptz, now()
WHERE NOT EXISTS (SELECT 1 FROM deliverability_events WHERE provider = :provider!::text AND event_id = :eventId!::text)
ON CONFLICT (provider, event_id, occurred_at) DO NOTHING RETURNING id;

/* @name countEvent */
-- The edition's figures move when the event is the first of its kind for that reader and edition
-- (an event naming no reader counts alone); the reader's events are locked (lockSubscriber).
WITH prior AS (
  SELECT coalesce(bool_or(type = :type!::text), false) AS same_kind, coalesce(bool_or(type IN ('hard-bounce', 'soft-bounce')), false) AS bounced
  FROM deliverability_events WHERE edition_id = :editionId!::int AND subscriber_id = :subscriberId::int AND id <> :id!::int
)
INSERT INTO deliverability_counts AS c (edition_id, bounced, hard_bounced, soft_bounced, delayed, complained)
SELECT :editionId!::int,
       (:type!::text IN ('hard-bounce', 'soft-bounce') AND NOT prior.bounced)::int,
       (:type!::text = 'hard-bounce' AND NOT prior.same_kind)::int,
       (:type!::text = 'soft-bounce' AND NOT prior.same_kind)::int,
       (:type!::text = 'delayed' AND NOT prior.same_kind)::int,
       (:type!::text = 'complaint' AND NOT prior.same_kind)::int
FROM prior
ON CONFLICT (edition_id) DO UPDATE SET bounced = c.bounced + excluded.bounced, hard_bounced = c.hard_bounced + excluded.hard_bounced,
  soft_bounced = c.soft_bounced + excluded.soft_bounced, delayed = c.delayed + excluded.delayed, complained = c.complained + excluded.complained;

/* @name ensurePartitions */
SELECT deliverability_event_partitions_ensure(now()) AS "made!";

/* @name expiredPartitions */
-- The months of events that ended more than `days` days ago (never the default partition).
SELECT p.name AS "name!", p.month::text AS "month!"
FROM (SELECT c.relname::text AS name, to_date(substring(c.relname FROM '^deliverability_events_([0-9]{4}_[0-9]{2})$'), 'YYYY_MM') AS month
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'deliverability_events'::regclass) p
WHERE p.month IS NOT NULL AND (p.month + interval '1 month')::timestamp AT TIME ZONE 'UTC' < now() - make_interval(days => :days!)
ORDER BY p.month;

/* @name dropPartition */
SELECT deliverability_event_partition_drop(:name!) AS "dropped!";

/* @name dropExpiredStrays */
-- Events the default partition caught (dated before every month's partition), past the retention: few rows, one partition.
DELETE FROM deliverability_events_default WHERE occurred_at < now() - make_interval(days => :days!);

/* @name softBounces */
SELECT count(DISTINCT coalesce('edition ' || edition_id, 'message ' || message_id, 'event ' || id))::int AS "n!"
FROM deliverability_events
WHERE subscriber_id = :subscriberId! AND type = 'soft-bounce' AND occurred_at > now() - make_interval(days => :days!);

/* @name complaints */
SELECT coalesce((SELECT complained FROM deliverability_counts WHERE edition_id = :editionId!), 0)::int AS "n!";

/* @name noteComplaintWarning */
INSERT INTO complaint_rate_warnings (edition_id, complaints, sent, created_at) VALUES (:editionId!, :complaints!, :sent!, now())
ON CONFLICT (edition_id) DO NOTHING RETURNING edition_id;

/* @name editionFigures */
WITH e AS (
  SELECT editions.id, newsletter_id, started_at, finished_at, coalesce(c.sent, 0) AS sent FROM editions LEFT JOIN delivery_counts c ON c.edition_id = editions.id
  WHERE started_at IS NOT NULL AND (:ids::int[] IS NULL OR editions.id = ANY(:ids::int[]))
    AND (:days::int IS NULL OR started_at > now() - make_interval(days => :days::int))
), unsubscribes AS (
  SELECT e.id AS edition_id, count(DISTINCT c.subscriber_id) AS unsubscribed
  FROM e
  JOIN consent_events c ON c.newsletter_id = e.newsletter_id
    AND c.created_at >= e.started_at AND c.created_at < coalesce(e.finished_at, now()) + interval '7 days'
  JOIN deliveries d ON d.edition_id = e.id AND d.subscriber_id = c.subscriber_id AND d.status = 'sent'
  WHERE c.created_at >= d.sent_at AND c.created_at < d.sent_at + interval '7 days'
    AND CASE WHEN c.event = 'unsubscribed' THEN c.source <> 'complaint'
             WHEN c.event = 'preferences_changed' THEN c.details::jsonb ->> 'to' = 'unsubscribed'
             ELSE false END
    AND NOT EXISTS (
      SELECT 1 FROM editions later JOIN deliveries dl ON dl.edition_id = later.id AND dl.subscriber_id = c.subscriber_id
      WHERE later.newsletter_id = e.newsletter_id AND later.id <> e.id AND later.started_at > e.started_at
        AND dl.status = 'sent' AND dl.sent_at > d.sent_at AND dl.sent_at <= c.created_at)
  GROUP BY e.id
)
SELECT e.id AS "editionId!", e.newsletter_id AS "newsletterId!", e.sent AS "sent!",
       coalesce(events.bounced, 0)::int AS "bounced!", coalesce(events.hard_bounced, 0)::int AS "hardBounced!",
       coalesce(events.soft_bounced, 0)::int AS "softBounced!", coalesce(events.delayed, 0)::int AS "delayed!",
       coalesce(events.complained, 0)::int AS "complained!",
       coalesce(unsubscribes.unsubscribed, 0)::int AS "unsubscribed!"
FROM e LEFT JOIN deliverability_counts events ON events.edition_id = e.id LEFT JOIN unsubscribes ON unsubscribes.edition_id = e.id
ORDER BY e.id;
