/* @name insertRequest */
INSERT INTO signup_requests (email, newsletter_ids, job_sector_id, notice_version, source, ip, user_agent, page, created_at)
VALUES (:email!, :newsletterIds!, :jobSectorId, :noticeVersion!, :source!, :ip, :userAgent, :page, now()) RETURNING id;

/* @name takeRequest */
DELETE FROM signup_requests WHERE id = :id!
RETURNING email, newsletter_ids AS "newsletterIds", job_sector_id AS "jobSectorId", notice_version AS "noticeVersion",
          source, ip, user_agent AS "userAgent", page, created_at::text AS "createdAt!";

/* @name unprocessedRequests */
SELECT id FROM signup_requests ORDER BY id;

/* @name deleteRequestsOlderThan */
DELETE FROM signup_requests WHERE created_at < now() - make_interval(days => :days!);

/* @name lockAccountEmails */
SELECT pg_advisory_xact_lock(hashtext('account-emails'), :subscriberId!);

/* @name accountEmailsInLastDay */
-- Welcomes are not counted: confirming needs the mailbox, and each newsletter welcomes a reader once in 30 days.
SELECT count(*)::int AS "n!" FROM account_emails WHERE subscriber_id = :subscriberId! AND created_at > now() - interval '1 day' AND kind <> 'welcome';

/* @name usableConfirmation */
SELECT subscriber_id FROM account_emails
WHERE token_hash = :tokenHash! AND kind = 'confirmation' AND used_at IS NULL AND expires_at > now();

/* @name usableLink */
SELECT subscriber_id FROM account_emails
WHERE token_hash = :tokenHash! AND kind = :kind! AND used_at IS NULL AND expires_at > now();

/* @name useConfirmation */
UPDATE account_emails SET used_at = now()
WHERE token_hash = :tokenHash! AND kind = 'confirmation' AND used_at IS NULL AND expires_at > now()
RETURNING subscriber_id;

/* @name usedByActiveReader */
SELECT 1 AS "found!" FROM account_emails a JOIN subscriptions s ON s.subscriber_id = a.subscriber_id AND s.status = 'active'
WHERE a.token_hash = :tokenHash! AND a.kind = 'confirmation' AND a.used_at IS NOT NULL LIMIT 1;

/* @name takeAccountEmail */
UPDATE account_emails a SET sending_until = now() + interval '2 minutes'
FROM subscribers s
WHERE a.id = :id! AND s.id = a.subscriber_id AND a.sent_at IS NULL AND a.skipped_at IS NULL AND a.failed_at IS NULL
  AND (a.sending_until IS NULL OR a.sending_until < now())
RETURNING a.subscriber_id AS "subscriberId", s.public_id AS "publicId", a.kind, a.newsletter_id AS "newsletterId", s.email, s.suppressed_at IS NOT NULL AS "suppressed!";

/* @name releaseAccountEmail */
UPDATE account_emails SET sending_until = NULL WHERE id = :id! AND sent_at IS NULL;

/* @name markAccountEmailSkipped */
UPDATE account_emails SET skipped_at = now() WHERE id = :id! AND sent_at IS NULL;

/* @name markAccountEmailSent */
UPDATE account_emails SET sent_at = now() WHERE id = :id!;

/* @name markAccountEmailFailed */
UPDATE account_emails SET failed_at = now(), last_error = :error!, sending_until = NULL WHERE id = :id! AND sent_at IS NULL;

/* @name unsentAccountEmails */
SELECT id FROM account_emails WHERE sent_at IS NULL AND skipped_at IS NULL AND failed_at IS NULL ORDER BY id;

/* @name lockAccountEmailsOf */
SELECT pg_advisory_xact_lock(hashtext('account-emails'), id) FROM (SELECT DISTINCT unnest(:subscriberIds!::int[]) AS id ORDER BY 1) AS readers;

/* @name countWithinCap */
SELECT count(*)::int AS "n!" FROM unnest(:subscriberIds!::int[]) AS reader
WHERE (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = reader AND a.created_at > now() - interval '1 day' AND a.kind <> 'welcome') < :perDay!;

/* @name hasWaitingRequest */
SELECT 1 AS "found!" FROM signup_requests WHERE email = :email! LIMIT 1;

/* @name dropRequestsOf */
DELETE FROM signup_requests WHERE email = :email!;

/* @name holdAccountEmailsOf */
SELECT id FROM account_emails WHERE subscriber_id = :subscriberId! ORDER BY id FOR UPDATE;

/* @name deleteAccountEmailsOf */
DELETE FROM account_emails WHERE subscriber_id = :subscriberId!;
/* @name createAccountEmail */
INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
VALUES (:subscriberId!, :kind!, now() + interval '72 hours', coalesce(:at::timestamptz, now())) RETURNING id;

/* @name setLinkToken */
UPDATE account_emails SET token_hash = :tokenHash!, expires_at = now() + make_interval(hours => :hours!) WHERE id = :id! AND sent_at IS NULL;

/* @name createConfirmationsWithin */
INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
SELECT reader, 'confirmation', now() + interval '72 hours', now() FROM unnest(:subscriberIds!::int[]) AS reader
WHERE (SELECT count(*) FROM account_emails a WHERE a.subscriber_id = reader AND a.created_at > now() - interval '1 day' AND a.kind <> 'welcome') < :perDay!
RETURNING id;

/* @name createConfirmations */
INSERT INTO account_emails (subscriber_id, kind, expires_at, created_at)
SELECT reader, 'confirmation', now() + interval '72 hours', now()
FROM unnest(:subscriberIds!::int[]) WITH ORDINALITY AS r(reader, position) ORDER BY position
RETURNING id;

/* @name createWelcomes */
-- One welcome per newsletter just confirmed, unless the reader had one for it in the last 30 days (a re-subscribe).
INSERT INTO account_emails (subscriber_id, kind, newsletter_id, expires_at, created_at)
SELECT :subscriberId!, 'welcome', n.id, now() + interval '72 hours', now()
FROM unnest(:newsletterIds!::int[]) WITH ORDINALITY AS n(id, position)
WHERE NOT EXISTS (
  SELECT 1 FROM account_emails a
  WHERE a.subscriber_id = :subscriberId! AND a.kind = 'welcome' AND a.newsletter_id = n.id AND a.created_at > now() - interval '30 days')
ORDER BY n.position
RETURNING id;
