/* @name currentNotice */
SELECT version, prompt, privacy_notice AS "privacyNotice", created_at AS "createdAt" FROM notice_versions ORDER BY version DESC LIMIT 1;

/* @name noticeByVersion */
SELECT version, prompt, privacy_notice AS "privacyNotice", created_at AS "createdAt" FROM notice_versions WHERE version = :version!;

/* @name history */
SELECT c.id, c.created_at AS "createdAt", c.newsletter_id AS "newsletterId", c.event, c.source,
       CASE WHEN e.details IS NULL THEN c.details WHEN c.details IS NULL THEN e.details
            ELSE (c.details::jsonb || e.details::jsonb)::text END AS details,
       c.notice_version AS "noticeVersion", n.prompt AS "noticePrompt", n.privacy_notice AS "noticeText",
       e.ip, e.user_agent AS "userAgent"
FROM consent_events c JOIN notice_versions n ON n.version = c.notice_version
  LEFT JOIN consent_evidence e ON e.event_id = c.id
WHERE c.subscriber_id = :subscriberId! ORDER BY c.id DESC LIMIT :limit;

/* @name record */
WITH entry AS (
  -- Ids are drawn before the rows are written, so each ledger row and its evidence share one.
  SELECT nextval(pg_get_serial_sequence('consent_events', 'id')) AS id, e.*
  FROM unnest(:subscriberIds!::int[], :newsletterIds!::int[], :events!::text[], :noticeVersions!::int[], :details!::text[], :personal!::text[])
    WITH ORDINALITY AS e(subscriber_id, newsletter_id, event, notice_version, details, personal, position)
), ledger AS (
  INSERT INTO consent_events (id, subscriber_id, newsletter_id, event, notice_version, source, details, created_at)
  SELECT id, subscriber_id, newsletter_id, event, notice_version, :source!::varchar, details, coalesce(:at::timestamptz, now())
  FROM entry ORDER BY position
)
INSERT INTO consent_evidence (event_id, ip, user_agent, details)
SELECT id, :ip::varchar, :userAgent::varchar, personal FROM entry
WHERE :ip::varchar IS NOT NULL OR :userAgent::varchar IS NOT NULL OR personal IS NOT NULL;

/* @name eraseEvidence */
DELETE FROM consent_evidence e USING consent_events c WHERE e.event_id = c.id AND c.subscriber_id = :subscriberId!;

/* @name dailyActivity */
SELECT newsletter_id AS "newsletterId!", to_char((created_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS "day!", event, count(*)::int AS "count!"
FROM consent_events
WHERE created_at > now() - make_interval(days => :days!::int) AND newsletter_id IS NOT NULL AND event IN ('subscribed', 'confirmed', 'unsubscribed')
GROUP BY 1, 2, 3;
