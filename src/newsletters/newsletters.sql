/* @name allNewsletters */
SELECT id, slug, name, blurb, cadence, position, schedule_cron AS "scheduleCron", schedule_timezone AS "scheduleTimezone",
       max_articles AS "maxArticles", min_articles AS "minArticles", deliver_by AS "deliverBy", not_before AS "notBefore", created_at AS "createdAt"
FROM newsletters ORDER BY position;

/* @name allJobSectors */
SELECT id, slug, label, position FROM job_sectors ORDER BY position;

/* @name timetables */
SELECT id, slug, schedule_cron AS cron, schedule_timezone AS timezone, min_articles AS "minArticles", deliver_by AS "deliverBy", not_before AS "notBefore"
FROM newsletters ORDER BY position;

/* @name setTimetable */
UPDATE newsletters SET schedule_cron = :cron, schedule_timezone = :timezone! WHERE id = :id!;

/* @name setMinArticles */
UPDATE newsletters SET min_articles = :minArticles! WHERE id = :id!;

/* @name setDeadline */
UPDATE newsletters SET deliver_by = :deliverBy, not_before = :notBefore WHERE id = :id!;

/* @name welcomeText */
SELECT welcome_text AS "welcomeText" FROM newsletters WHERE id = :id!;

/* @name setWelcomeText */
UPDATE newsletters SET welcome_text = :text! WHERE id = :id!;
