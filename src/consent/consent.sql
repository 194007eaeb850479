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

/* @name countSignups */
-- Reads articles (the articles module's) to link the page to the article imported at that address.
INSERT INTO signup_sources (day, newsletter_id, page, via, article_id, signups)
SELECT (coalesce(:at::timestamptz, now()) AT TIME ZONE 'Europe/London')::date, n, :page!::varchar, :via!::varchar,
       (SELECT a.id FROM articles a WHERE a.url IN (:page!::varchar, :page!::varchar || '/') ORDER BY a.id LIMIT 1), 1
FROM unnest(:newsletterIds!::int[]) AS n
ON CONFLICT (day, newsletter_id, page, via) DO UPDATE
SET signups = signup_sources.signups + 1, article_id = coalesce(signup_sources.article_id, EXCLUDED.article_id);

/* @name countConfirmations */
-- Each confirmed subscription is credited to the page of the reader's latest sign-up to that
-- newsletter, on that sign-up's row, so a page's rate compares like with like.
UPDATE signup_sources s SET confirmations = s.confirmations + 1
FROM (
  SELECT DISTINCT ON (c.newsletter_id) c.newsletter_id, (c.created_at AT TIME ZONE 'Europe/London')::date AS day,
         (e.details::jsonb) ->> 'page' AS page, (e.details::jsonb) ->> 'via' AS via
  FROM consent_events c LEFT JOIN consent_evidence e ON e.event_id = c.id
  WHERE c.subscriber_id = :subscriberId! AND c.newsletter_id = ANY(:newsletterIds!::int[]) AND c.event = 'subscribed'
  ORDER BY c.newsletter_id, c.id DESC
) latest
WHERE s.day = latest.day AND s.newsletter_id = latest.newsletter_id AND s.page = latest.page AND s.via = latest.via;

/* @name signupSources */
-- Reads articles (the articles module's) for each page's article, matched now when the sign-up came before its import.
SELECT s.newsletter_id AS "newsletterId!", s.page AS "page!", s.via AS "via!", a.id AS "articleId", a.title AS "articleTitle", a.section AS "section",
       sum(s.signups)::int AS "signups!", sum(s.confirmations)::int AS "confirmations!"
FROM signup_sources s
  LEFT JOIN articles a ON a.id = coalesce(s.article_id, (SELECT x.id FROM articles x WHERE x.url IN (s.page, s.page || '/') ORDER BY x.id LIMIT 1))
WHERE s.day >= :since!::date
GROUP BY 1, 2, 3, 4, 5, 6;
