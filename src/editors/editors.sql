/* @name create */
INSERT INTO editors (email, token_hash, created_at) VALUES (:email!, :hashToken!, now()) RETURNING id;

/* @name revoke */
UPDATE editors SET revoked_at = now() WHERE email = :email! AND revoked_at IS NULL RETURNING id;

/* @name revoke2 */
UPDATE editor_sessions SET ended_at = now() WHERE editor_id = :revoked! AND ended_at IS NULL;

/* @name authenticate */
SELECT id, email, revoked_at IS NOT NULL AS revoked FROM editors WHERE token_hash = :hashToken!;

/* @name emailsByIds */
SELECT id, email FROM editors WHERE id = ANY(:ids!::int[]);

/* @name onApplicationBootstrap */
UPDATE editors SET token_hash = :hashToken!, revoked_at = NULL WHERE email = :BOOTSTRAP_EDITOR!;

/* @name onApplicationBootstrap2 */
INSERT INTO editors (email, token_hash, created_at) VALUES (:BOOTSTRAP_EDITOR!, :hashToken!, now()) ON CONFLICT DO NOTHING;

/* @name activeEmails */
-- Editors who can still sign in; the bootstrap editor (an .invalid address) reads no mail.
SELECT email FROM editors WHERE revoked_at IS NULL AND email NOT LIKE '%.invalid' ORDER BY id;
