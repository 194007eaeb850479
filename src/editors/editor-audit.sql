/* @name record */
INSERT INTO editor_audit (editor_id, action, edition_id, subscriber_id, subject_editor_id, detail, client, created_at)
VALUES (:editorId, :action!, :editionId, :subscriberId, :subjectEditorId, :detail, :client, now());

/* @name entries */
SELECT a.id, a.created_at, a.action, a.edition_id, a.subscriber_id, a.subject_editor_id, a.detail, a.client, a.editor_id,
  e.email AS editor_email, e.display_name AS editor_name, se.email AS subject_email, se.display_name AS subject_name
FROM editor_audit a
LEFT JOIN editors e ON e.id = a.editor_id
LEFT JOIN editors se ON se.id = a.subject_editor_id
WHERE (:editorId::int IS NULL OR a.editor_id = :editorId::int)
  AND (:action::text IS NULL OR a.action = :action::text)
  AND (:from::timestamptz IS NULL OR a.created_at >= :from::timestamptz)
  AND (:until::timestamptz IS NULL OR a.created_at < :until::timestamptz)
  AND (:subscriberId::int IS NULL OR a.subscriber_id = :subscriberId::int)
  AND (:editionId::int IS NULL OR a.edition_id = :editionId::int)
  AND (:beforeId::int IS NULL OR a.id < :beforeId::int)
ORDER BY a.id DESC
LIMIT :limit!::int;

/* @name allowPruning */
SELECT set_config('editor_audit.retention_days', :days!::text, true) AS days;

/* @name prune */
DELETE FROM editor_audit WHERE created_at < now() - make_interval(days => :days!::int);
