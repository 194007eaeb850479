/* @name linkState */
SELECT e.email, e.role FROM editor_sign_in_links l JOIN editors e ON e.id = l.editor_id
WHERE l.token_hash = :hashToken! AND l.used_at IS NULL AND l.expires_at > now() AND e.revoked_at IS NULL;

/* @name signIn */
WITH used AS (
  UPDATE editor_sign_in_links l SET used_at = now()
  FROM editors e
  WHERE l.token_hash = :hashToken! AND l.used_at IS NULL AND l.expires_at > now() AND e.id = l.editor_id AND e.revoked_at IS NULL
  RETURNING l.editor_id)
INSERT INTO editor_sessions (id_hash, editor_id, last_seen_at, created_at) SELECT :hashToken2!, editor_id, now(), now() FROM used
RETURNING editor_id;

/* @name signOut */
UPDATE editor_sessions SET ended_at = now() WHERE id_hash = :hashToken! AND ended_at IS NULL;

/* @name createSignInLink */
INSERT INTO editor_sign_in_links (editor_id, token_hash, expires_at, created_at)
SELECT id, :tokenHash!, now() + make_interval(mins => :minutes!::int), now() FROM editors WHERE email = :email! AND revoked_at IS NULL
RETURNING editor_id;

/* @name editorForSession */
UPDATE editor_sessions s SET last_seen_at = now()
FROM editors e
WHERE s.id_hash = :idHash! AND s.ended_at IS NULL AND s.last_seen_at > now() - make_interval(hours => :idleHours!::int)
  AND s.created_at > now() - make_interval(hours => :maxHours!::int)
  AND e.id = s.editor_id AND e.revoked_at IS NULL
RETURNING e.id, e.email, e.role, e.display_name;
