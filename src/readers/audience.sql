/* @name bySector */
SELECT r.job_sector_id AS "sectorId", count(*)::int AS "readers!"
FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
WHERE s.newsletter_id = :newsletterId! AND s.status = 'active' AND r.suppressed_at IS NULL
GROUP BY r.job_sector_id;

/* @name figures */
SELECT s.newsletter_id AS "newsletterId",
       count(*) FILTER (WHERE s.status = 'active' AND r.suppressed_at IS NULL)::int AS "active!",
       count(*) FILTER (WHERE s.status = 'pending')::int AS "pending!",
       count(*) FILTER (WHERE s.status = 'unsubscribed' AND s.unsubscribed_at > now() - interval '7 days')::int AS "unsubscribed7d!",
       count(*) FILTER (WHERE r.suppressed_at > now() - interval '7 days')::int AS "suppressed7d!"
FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
GROUP BY s.newsletter_id;

/* @name activeAfter */
SELECT r.id, r.email, r.job_sector_id AS "jobSectorId", s.created_at AS "subscribedAt", s.confirmed_at AS "confirmedAt"
FROM subscriptions s JOIN subscribers r ON r.id = s.subscriber_id
WHERE s.newsletter_id = :newsletterId! AND s.status = 'active' AND s.subscriber_id > :afterId! AND r.suppressed_at IS NULL
ORDER BY s.subscriber_id LIMIT :limit!;
