/* @name create */
INSERT INTO editors (email, token_hash, role, created_at) VALUES (:email!, :hashToken!, :role!, now()) RETURNING id;

/* @name revoke */
UPDATE editors SET revoked_at = now() WHERE email = :email! AND revoked_at IS NULL RETURNING id;

/* @name revoke2 */
UPDATE editor_sessions SET ended_at = now() WHERE editor_id = :revoked! AND ended_at IS NULL;

/* @name authenticate */
SELECT id, email, role, display_name, revoked_at IS NOT NULL AS revoked FROM editors WHERE token_hash = :hashToken!;

/* @name emailsByIds */
SELECT id, email, display_name FROM editors WHERE id = ANY(:ids!::int[]);

/* @name onApplicationBootstrap */
UPDATE editors SET token_hash = :hashToken!, revoked_at = NULL WHERE email = :BOOTSTRAP_EDITOR!;

/* @name onApplicationBootstrap2 */
INSERT INTO editors (email, token_hash, created_at) VALUES (:BOOTSTRAP_EDITOR!, :hashToken!, now()) ON CONFLICT DO NOTHING;

/* @name bootstrapAdmin */
INSERT INTO editors (email, token_hash, role, created_at) VALUES (:email!, :hashToken!, 'admin', now())
ON CONFLICT (email) DO UPDATE SET role = 'admin', revoked_at = NULL,
  token_hash = CASE WHEN editors.revoked_at IS NULL THEN editors.token_hash ELSE EXCLUDED.token_hash END
WHERE editors.role <> 'admin' OR editors.revoked_at IS NOT NULL
RETURNING id;

/* @name team */
SELECT e.id, e.email, e.display_name, e.role, e.created_at,
  (SELECT max(s.created_at) FROM editor_sessions s WHERE s.editor_id = e.id) AS last_sign_in,
  (SELECT count(*) FROM editor_sessions s
   WHERE s.editor_id = e.id AND s.ended_at IS NULL AND s.last_seen_at > now() - make_interval(hours => :idleHours!::int)
     AND s.created_at > now() - make_interval(hours => :maxHours!::int))::int AS active_sessions
FROM editors e WHERE e.revoked_at IS NULL AND e.email <> :bootstrap! ORDER BY e.email;

/* @name invite */
INSERT INTO editors (email, token_hash, role, display_name, created_at) VALUES (:email!, :hashToken!, :role!, :displayName, now())
ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role, revoked_at = NULL, token_hash = EXCLUDED.token_hash,
  display_name = coalesce(EXCLUDED.display_name, editors.display_name)
WHERE editors.revoked_at IS NOT NULL
RETURNING id;

/* @name lockAdmins */
SELECT id FROM editors WHERE role = 'admin' AND revoked_at IS NULL ORDER BY id FOR UPDATE;

/* @name otherAdmins */
SELECT count(*)::int AS admins FROM editors WHERE role = 'admin' AND revoked_at IS NULL AND id <> :id! AND email <> :bootstrap!;

/* @name member */
SELECT id, email, role, display_name FROM editors WHERE id = :id! AND revoked_at IS NULL AND email <> :bootstrap!;

/* @name setRole */
UPDATE editors SET role = :role! WHERE id = :id! AND revoked_at IS NULL;

/* @name setDisplayName */
UPDATE editors SET display_name = :displayName WHERE id = :id! AND revoked_at IS NULL;

/* @name remove */
UPDATE editors SET revoked_at = now() WHERE id = :id! AND revoked_at IS NULL;

/* @name activeEmails */
-- Editors who can still sign in; the bootstrap editor (an .invalid address) reads no mail.
SELECT email FROM editors WHERE revoked_at IS NULL AND email NOT LIKE '%.invalid' ORDER BY id;
