/* @name lockSubscriber */
SELECT pg_advisory_xact_lock(hashtext('deliverability'), :subscriberId!);

/* @name insert */
INSERT INTO deliverability_events (provider, event_id, type, subscriber_id, edition_id, message_id, detail, occurred_at, created_at)
VALUES (:provider!, :eventId!, :type!, :subscriberId, :editionId, :messageId, :detail!::jsonb, :occurredAt!, now())
ON CONFLICT (provider, event_id) DO NOTHING RETURNING id;

/* @name softBounces */
SELECT count(DISTINCT coalesce('edition ' || edition_id, 'message ' || message_id, 'event ' || id))::int AS "n!"
FROM deliverability_events
WHERE subscriber_id = :subscriberId! AND type = 'soft-bounce' AND occurred_at > now() - make_interval(days => :days!);

/* @name complaints */
SELECT count(DISTINCT coalesce(subscriber_id::text, 'event ' || id))::int AS "n!" FROM deliverability_events WHERE edition_id = :editionId! AND type = 'complaint';

/* @name noteComplaintWarning */
INSERT INTO complaint_rate_warnings (edition_id, complaints, sent, created_at) VALUES (:editionId!, :complaints!, :sent!, now())
ON CONFLICT (edition_id) DO NOTHING RETURNING edition_id;

/* @name editionFigures */
WITH e AS (
  SELECT editions.id, newsletter_id, started_at, finished_at, coalesce(c.sent, 0) AS sent FROM editions LEFT JOIN delivery_counts c ON c.edition_id = editions.id
  WHERE started_at IS NOT NULL AND (:ids::int[] IS NULL OR editions.id = ANY(:ids::int[]))
    AND (:days::int IS NULL OR started_at > now() - make_interval(days => :days::int))
), events AS (
  SELECT v.edition_id,
         count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type IN ('hard-bounce', 'soft-bounce')) AS bounced,
         count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'delayed') AS delayed,
         count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'hard-bounce') AS hard,
         count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'soft-bounce') AS soft,
         count(DISTINCT coalesce(v.subscriber_id::text, 'event ' || v.id)) FILTER (WHERE v.type = 'complaint') AS complained
  FROM deliverability_events v JOIN e ON e.id = v.edition_id
  GROUP BY v.edition_id
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
       coalesce(events.bounced, 0)::int AS "bounced!", coalesce(events.hard, 0)::int AS "hardBounced!",
       coalesce(events.soft, 0)::int AS "softBounced!", coalesce(events.delayed, 0)::int AS "delayed!",
       coalesce(events.complained, 0)::int AS "complained!",
       coalesce(unsubscribes.unsubscribed, 0)::int AS "unsubscribed!"
FROM e LEFT JOIN events ON events.edition_id = e.id LEFT JOIN unsubscribes ON unsubscribes.edition_id = e.id
ORDER BY e.id;
