/* @name lockNewsletter */
SELECT pg_advisory_xact_lock(hashtext('compose-edition'), :newsletterId!);

/* @name insertDraft */
WITH edition AS (
  INSERT INTO editions (newsletter_id, subject, preheader, subject_auto, preheader_auto, note, note_signed_by, status, origin, audience_sectors, created_at, updated_at)
  VALUES (:newsletterId!, :subject!, :preheader, :subjectAuto!, :preheaderAuto!, :note, :noteSignedBy, 'draft', :origin!, :audienceSectors::int[], now(), now()) RETURNING id
), articles AS (
  INSERT INTO edition_articles (edition_id, article_id, position)
  SELECT edition.id, a.id, a.position - 1 FROM edition, unnest(:articleIds!::int[]) WITH ORDINALITY AS a(id, position)
)
SELECT id FROM edition;

/* @name updateDraft */
UPDATE editions SET subject = coalesce(:subject, subject), preheader = CASE WHEN :setPreheader!::boolean THEN :preheader ELSE preheader END,
  subject_auto = coalesce(:subjectAuto, subject_auto), preheader_auto = coalesce(:preheaderAuto, preheader_auto),
  note = CASE WHEN :setNote!::boolean THEN :note ELSE note END, note_signed_by = CASE WHEN :setNote!::boolean THEN :noteSignedBy::int ELSE note_signed_by END,
  audience_sectors = CASE WHEN :setAudience!::boolean THEN :audienceSectors::int[] ELSE audience_sectors END, updated_at = now()
WHERE id = :id! AND status = 'draft';

/* @name clearArticles */
DELETE FROM edition_articles WHERE edition_id = :id!;

/* @name setArticles */
INSERT INTO edition_articles (edition_id, article_id, position)
SELECT :id!, a.id, a.position - 1 FROM unnest(:articleIds!::int[]) WITH ORDINALITY AS a(id, position);

/* @name lastSentAt */
SELECT max(created_at) AS since FROM editions WHERE newsletter_id = :newsletterId! AND status IN ('sending', 'paused', 'sent');

/* @name articlesTaken */
SELECT DISTINCT ea.article_id FROM edition_articles ea JOIN editions e ON e.id = ea.edition_id
WHERE ea.article_id = ANY(:articleIds!::int[]) AND e.newsletter_id = :newsletterId! AND e.status NOT IN ('cancelled', 'failed');

/* @name articleIds */
SELECT article_id FROM edition_articles WHERE edition_id = :editionId! ORDER BY position;

/* @name failDraft */
UPDATE editions SET status = 'failed', error = :error!, updated_at = now() WHERE id = :id! AND status = 'draft';

/* @name startSending */
UPDATE editions SET status = 'sending', html = :html!, text = :text!, placeholder_nonce = :nonce!, web_html = :webHtml, message_id_salt = :messageIdSalt!, started_at = now(), updated_at = now()
WHERE id = :id! AND status = 'draft';

/* @name saveSegments */
INSERT INTO edition_segments (edition_id, segment, partner_ids, sector_ids, html, text)
SELECT :id!, s.segment, ARRAY(SELECT jsonb_array_elements_text(s.partners)::int), ARRAY(SELECT jsonb_array_elements_text(s.sectors)::int), s.html, s.text
FROM jsonb_to_recordset(:segments!::jsonb) AS s(segment int, partners jsonb, sectors jsonb, html text, text text);

/* @name segmentSectors */
SELECT segment, sector_ids AS "sectorIds" FROM edition_segments WHERE edition_id = :id! ORDER BY segment;

/* @name segments */
SELECT segment, sector_ids AS "sectorIds", partner_ids AS "partnerIds", html, text FROM edition_segments WHERE edition_id = :id! ORDER BY segment;

/* @name status */
SELECT status FROM editions WHERE id = :id!;

/* @name sendingIds */
SELECT id FROM editions WHERE status = 'sending' ORDER BY id;

/* @name markSent */
UPDATE editions SET status = 'sent', finished_at = now(), updated_at = now() WHERE id = :id! AND status = 'sending';

/* @name rendered */
SELECT e.id, e.newsletter_id AS "newsletterId", n.slug AS "newsletterSlug", n.name AS "newsletterName", e.subject, e.html AS "html!", e.text AS "text!",
       e.placeholder_nonce AS "placeholderNonce!", e.message_id_salt AS "messageIdSalt"
FROM editions e JOIN newsletters n ON n.id = e.newsletter_id WHERE e.id = :id! AND e.html IS NOT NULL;

/* @name setInArchive */
UPDATE editions SET in_archive = :inArchive!, updated_at = now() WHERE id = :id!;

/* @name find */
SELECT id, newsletter_id AS "newsletterId", subject, preheader, subject_auto AS "subjectAuto", preheader_auto AS "preheaderAuto", note, note_signed_by AS "noteSignedBy",
       status, origin, html, text, web_html AS "webHtml", in_archive AS "inArchive",
       audience_sectors AS "audienceSectors", placeholder_nonce AS "placeholderNonce", message_id_salt AS "messageIdSalt", error,
       started_at AS "startedAt", finished_at AS "finishedAt", created_at AS "createdAt", updated_at AS "updatedAt"
FROM editions WHERE id = :id!;

/* @name list */
-- A page of editions, newest first, after the edition before (keyset on id). The rendering is left out.
SELECT id, newsletter_id AS "newsletterId", subject, preheader, subject_auto AS "subjectAuto", preheader_auto AS "preheaderAuto", note, note_signed_by AS "noteSignedBy",
       status, origin, NULL::text AS html, NULL::text AS text, NULL::text AS "webHtml",
       in_archive AS "inArchive", audience_sectors AS "audienceSectors", placeholder_nonce AS "placeholderNonce", message_id_salt AS "messageIdSalt",
       error, started_at AS "startedAt", finished_at AS "finishedAt", created_at AS "createdAt", updated_at AS "updatedAt"
FROM editions
WHERE (:newsletterId::int IS NULL OR newsletter_id = :newsletterId::int) AND (:status::varchar IS NULL OR status = :status::varchar)
  AND (:before::int IS NULL OR id < :before::int)
ORDER BY id DESC LIMIT :limit!;

/* @name transition */
UPDATE editions SET status = :to!::varchar, updated_at = now(), finished_at = CASE WHEN :to!::varchar = 'cancelled' THEN now() ELSE finished_at END
WHERE id = :id! AND status = ANY(:from!::text[]);

/* @name latestSent */
-- Each newsletter's most recent edition that went out, or started to.
SELECT DISTINCT ON (newsletter_id) id, newsletter_id AS "newsletterId", subject, status, started_at AS "startedAt", finished_at AS "finishedAt", created_at AS "createdAt"
FROM editions WHERE status <> 'draft'
ORDER BY newsletter_id, created_at DESC;

/* @name archivePage */
-- In the archive once sending started (readers already hold the link), unless an editor kept it out.
SELECT e.id, e.subject, e.preheader, e.started_at AS "startedAt!" FROM editions e
WHERE e.newsletter_id = :newsletterId! AND e.in_archive AND e.web_html IS NOT NULL AND e.started_at IS NOT NULL AND e.status IN ('sending', 'paused', 'sent')
  AND (:before::int IS NULL OR (e.started_at, e.id) < (SELECT b.started_at, b.id FROM editions b WHERE b.id = :before::int))
ORDER BY e.started_at DESC, e.id DESC LIMIT :limit!;

/* @name archivedWebHtml */
SELECT e.web_html AS "webHtml!" FROM editions e
WHERE e.id = :id! AND e.newsletter_id = :newsletterId! AND e.in_archive AND e.web_html IS NOT NULL AND e.started_at IS NOT NULL AND e.status IN ('sending', 'paused', 'sent');
