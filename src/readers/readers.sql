/* @name insertNewReader */
WITH reader AS (
  INSERT INTO subscribers (email, job_sector_id, created_at, updated_at) VALUES (:email!, :jobSectorId, now(), now())
  ON CONFLICT (email) DO NOTHING RETURNING id
), subscriptions AS (
  INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
  SELECT reader.id, newsletter, 'pending', now(), now() FROM reader, unnest(:newsletterIds!::int[]) AS newsletter
)
SELECT id FROM reader;

/* @name findOrCreate */
INSERT INTO subscribers (email, job_sector_id, created_at, updated_at) VALUES (:email!, :jobSectorId, now(), now())
ON CONFLICT (email) DO NOTHING RETURNING id;

/* @name findOrCreate2 */
SELECT id FROM subscribers WHERE email = :email!;

/* @name hasActiveSubscription */
SELECT 1 AS "found!" FROM subscriptions WHERE subscriber_id = :subscriberId! AND status = 'active' LIMIT 1;

/* @name addPending */
INSERT INTO subscriptions (subscriber_id, newsletter_id, status, created_at, updated_at)
SELECT :subscriberId!, newsletter, 'pending', now(), now() FROM unnest(:newsletterIds!::int[]) AS newsletter
ON CONFLICT (subscriber_id, newsletter_id) DO UPDATE
  SET status = 'pending', unsubscribed_at = NULL, updated_at = now()
  WHERE subscriptions.status = 'unsubscribed';

/* @name setJobSector */
UPDATE subscribers SET job_sector_id = :jobSectorId, updated_at = now() WHERE id = :subscriberId!;

/* @name pendingNewsletterIds */
SELECT newsletter_id FROM subscriptions WHERE subscriber_id = :subscriberId! AND status = 'pending' ORDER BY newsletter_id;

/* @name activatePending */
UPDATE subscriptions SET status = 'active', confirmed_at = now(), updated_at = now()
WHERE subscriber_id = :subscriberId! AND status = 'pending' RETURNING newsletter_id;

/* @name reader */
SELECT r.id, r.public_id, r.email, r.job_sector_id,
       (SELECT json_agg(json_build_array(s.newsletter_id, s.status)) FROM subscriptions s WHERE s.subscriber_id = r.id) AS statuses
FROM subscribers r WHERE r.id = :subscriberId! AND r.erased_at IS NULL;

/* @name readerByPublicId */
SELECT r.id, r.public_id, r.email, r.job_sector_id,
       (SELECT json_agg(json_build_array(s.newsletter_id, s.status)) FROM subscriptions s WHERE s.subscriber_id = r.id) AS statuses
FROM subscribers r WHERE r.public_id = :publicId! AND r.erased_at IS NULL;

/* @name idByPublicId */
SELECT id FROM subscribers WHERE public_id = :publicId!;

/* @name unsubscribe */
UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = now(), updated_at = now()
WHERE subscriber_id = :subscriberId! AND status IN ('pending', 'active') AND (:newsletterId::int IS NULL OR newsletter_id = :newsletterId)
RETURNING newsletter_id;

/* @name suppress */
UPDATE subscribers SET suppressed_at = now(), suppression_reason = :reason!, updated_at = now()
WHERE id = ANY(:subscriberIds!::int[]) AND suppressed_at IS NULL RETURNING id;

/* @name suppressErased */
UPDATE subscribers SET suppressed_at = coalesce(suppressed_at, now()), suppression_reason = 'erased', updated_at = now() WHERE id = :subscriberId!;

/* @name suppressByEditor */
WITH suppressed AS (
  UPDATE subscribers SET suppressed_at = now(), suppression_reason = :reason!, updated_at = now()
  WHERE id = :subscriberId! AND suppressed_at IS NULL RETURNING id
)
INSERT INTO reader_actions (subscriber_id, editor_id, action, reason, created_at)
SELECT id, :editorId!, 'suppressed', :reason!, now() FROM suppressed RETURNING id;

/* @name unsuppressByEditor */
WITH lifted AS (
  UPDATE subscribers SET suppressed_at = NULL, suppression_reason = NULL, updated_at = now()
  WHERE id = :subscriberId! AND suppressed_at IS NOT NULL RETURNING id
)
INSERT INTO reader_actions (subscriber_id, editor_id, action, reason, created_at)
SELECT id, :editorId!, 'unsuppressed', :reason!, now() FROM lifted RETURNING id;

/* @name findIdByEmail */
SELECT id FROM subscribers WHERE email = :email! AND erased_at IS NULL;

/* @name readerRecord */
SELECT r.id, r.email, r.job_sector_id AS "jobSectorId", r.suppressed_at AS "suppressedAt", r.suppression_reason AS "suppressionReason",
       r.created_at AS "createdAt",
       (SELECT json_agg(json_build_object('newsletterId', s.newsletter_id, 'status', s.status, 'createdAt', s.created_at,
                                          'confirmedAt', s.confirmed_at, 'unsubscribedAt', s.unsubscribed_at) ORDER BY s.newsletter_id)
        FROM subscriptions s WHERE s.subscriber_id = r.id) AS subscriptions
FROM subscribers r WHERE r.id = :subscriberId! AND r.erased_at IS NULL;

/* @name addReaderAction */
INSERT INTO reader_actions (subscriber_id, editor_id, action, created_at) VALUES (:subscriberId!, :editorId!, :action!, now());

/* @name lockForErasure */
SELECT newsletter_id FROM subscriptions WHERE subscriber_id = :subscriberId! ORDER BY newsletter_id FOR UPDATE;

/* @name lockForErasure2 */
SELECT email FROM subscribers WHERE id = :subscriberId! AND erased_at IS NULL FOR UPDATE;

/* @name emailOf */
SELECT email FROM subscribers WHERE id = :subscriberId! AND erased_at IS NULL;

/* @name eraseSubscriber */
WITH erased AS (
  UPDATE subscribers SET email = 'erased:' || id, job_sector_id = NULL, erased_at = now(), updated_at = now()
  WHERE id = :subscriberId! AND erased_at IS NULL RETURNING id
), reasons AS (
  UPDATE reader_actions SET reason = NULL WHERE subscriber_id = :subscriberId! AND reason IS NOT NULL
)
INSERT INTO reader_actions (subscriber_id, editor_id, action, reason, created_at)
SELECT id, :editorId, 'erase', :reason, now() FROM erased RETURNING id;

/* @name readerActions */
SELECT id, editor_id AS "editorId", action, reason, created_at AS "createdAt"
FROM reader_actions WHERE subscriber_id = :subscriberId! ORDER BY id DESC;

/* @name setStatus */
INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, unsubscribed_at, created_at, updated_at)
VALUES (:subscriberId!, :newsletterId!, :status!::varchar, CASE WHEN :status!::varchar = 'active' THEN now() END, CASE WHEN :status!::varchar = 'unsubscribed' THEN now() END, now(), now())
ON CONFLICT (subscriber_id, newsletter_id) DO UPDATE
  SET status = excluded.status,
      confirmed_at = CASE WHEN excluded.status = 'active' THEN coalesce(subscriptions.confirmed_at, now()) ELSE subscriptions.confirmed_at END,
      unsubscribed_at = excluded.unsubscribed_at, updated_at = now();

/* @name isStaleUnconfirmed */
-- An unconfirmed sign-up older than the given days is one whose every subscription is pending and
-- never confirmed, none touched since, and no account email since (a repeated sign-up). The
-- account emails table belongs to the signup module and is only read here. staleUnconfirmed
-- applies the same test.
SELECT 1 AS "stale!" FROM subscribers r
WHERE r.id = :subscriberId! AND r.erased_at IS NULL
  AND r.created_at < now() - make_interval(days => :days!::int)
  AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id)
  AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id
                  AND (s.status <> 'pending' OR s.confirmed_at IS NOT NULL OR s.updated_at >= now() - make_interval(days => :days!::int)))
  AND NOT EXISTS (SELECT 1 FROM account_emails a WHERE a.subscriber_id = r.id AND a.created_at >= now() - make_interval(days => :days!::int));

/* @name staleUnconfirmed */
SELECT r.id FROM subscribers r
WHERE r.id IN (SELECT s.subscriber_id FROM subscriptions s
               WHERE s.newsletter_id = ANY(:newsletterIds!::int[]) AND s.status = 'pending' AND s.subscriber_id > :after!)
  AND r.erased_at IS NULL
  AND r.created_at < now() - make_interval(days => :days!::int)
  AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id)
  AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.subscriber_id = r.id
                  AND (s.status <> 'pending' OR s.confirmed_at IS NOT NULL OR s.updated_at >= now() - make_interval(days => :days!::int)))
  AND NOT EXISTS (SELECT 1 FROM account_emails a WHERE a.subscriber_id = r.id AND a.created_at >= now() - make_interval(days => :days!::int))
ORDER BY r.id LIMIT :limit!;

/* @name importReaders */
WITH input AS (
  SELECT * FROM unnest(:emails!::text[], :sectorIds!::int[], :personal!::text[]) AS i(email, sector_id, personal)
), classified AS (
  SELECT i.email, i.sector_id, i.personal, k.id AS subscriber_id,
         CASE WHEN k.id IS NULL THEN 'new' WHEN k.suppressed THEN 'suppressed' WHEN k.status = 'unsubscribed' THEN 'unsubscribed'
              WHEN k.status = 'active' THEN 'already_subscribed' WHEN k.status = 'pending' THEN 'already_pending' ELSE 'known' END AS outcome
  FROM input i LEFT JOIN LATERAL (
    SELECT r.id, r.suppressed_at IS NOT NULL AS suppressed,
           (SELECT s.status FROM subscriptions s WHERE s.subscriber_id = r.id AND s.newsletter_id = :newsletterId!::int) AS status
    FROM subscribers r WHERE r.email = i.email
    -- OFFSET 0 keeps this a probe of the email index per address. As a join, stale statistics
    -- during a large import led the planner to read every reader for every batch.
    OFFSET 0
  ) k ON true
), new_readers AS (
  INSERT INTO subscribers (email, job_sector_id, created_at, updated_at)
  SELECT email, sector_id, now(), now() FROM classified WHERE outcome = 'new' ORDER BY email
  ON CONFLICT (email) DO NOTHING RETURNING id, email
), targets AS (
  SELECT coalesce(n.id, c.subscriber_id) AS subscriber_id, c.email, c.personal, c.outcome
  FROM classified c LEFT JOIN new_readers n ON n.email = c.email
  WHERE n.id IS NOT NULL OR c.outcome = 'known'
), subscribed AS (
  INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirmed_at, created_at, updated_at)
  SELECT subscriber_id, :newsletterId!::int, :status!::varchar, CASE WHEN :status!::varchar = 'active' THEN now() END, now(), now()
  FROM targets ORDER BY subscriber_id
  ON CONFLICT (subscriber_id, newsletter_id) DO NOTHING RETURNING subscriber_id
), joined AS (
  SELECT t.subscriber_id, t.personal, t.email, t.outcome
  FROM subscribed s JOIN targets t ON t.subscriber_id = s.subscriber_id
)
SELECT (SELECT coalesce(json_object_agg(outcome, n), '{}') FROM (
          -- A new address someone signed up with meanwhile, or a subscription a sign-up made meanwhile, is pending already.
          SELECT CASE WHEN c.outcome IN ('new', 'known') THEN CASE WHEN j.email IS NULL THEN 'already_pending' ELSE 'created' END ELSE c.outcome END AS outcome,
                 count(*)::int AS n
          FROM classified c LEFT JOIN joined j ON j.email = c.email GROUP BY 1) o) AS "counts!",
       (SELECT coalesce(json_agg(json_build_object('subscriberId', subscriber_id, 'personal', personal, 'known', outcome = 'known') ORDER BY subscriber_id), '[]')
        FROM joined) AS "joined!";

/* @name classifyImport */
WITH input AS (
  SELECT * FROM unnest(:emails!::text[], :sectorIds!::int[], :personal!::text[]) AS i(email, sector_id, personal)
), classified AS (
  SELECT i.email, i.sector_id, i.personal, k.id AS subscriber_id,
         CASE WHEN k.id IS NULL THEN 'new' WHEN k.suppressed THEN 'suppressed' WHEN k.status = 'unsubscribed' THEN 'unsubscribed'
              WHEN k.status = 'active' THEN 'already_subscribed' WHEN k.status = 'pending' THEN 'already_pending' ELSE 'known' END AS outcome
  FROM input i LEFT JOIN LATERAL (
    SELECT r.id, r.suppressed_at IS NOT NULL AS suppressed,
           (SELECT s.status FROM subscriptions s WHERE s.subscriber_id = r.id AND s.newsletter_id = :newsletterId!::int) AS status
    FROM subscribers r WHERE r.email = i.email
    OFFSET 0
  ) k ON true
)
SELECT (SELECT coalesce(json_object_agg(outcome, n), '{}') FROM (
          SELECT CASE WHEN outcome IN ('new', 'known') THEN 'created' ELSE outcome END AS outcome, count(*)::int AS n FROM classified GROUP BY 1) o) AS "counts!",
       (SELECT coalesce(array_agg(subscriber_id), '{}') FROM classified WHERE outcome = 'known') AS "known!";
