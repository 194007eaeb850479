import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EditorialConfig, editorialConfig } from '../config/config';
import { Db, isUniqueViolation } from '../database/db.service';
import * as queries from './editors.queries';
import { normaliseEmail } from '../common/email-address';
import { hashToken } from '../tokens/link-tokens';
import { EditorRole, isEditorRole } from './editor-roles';

export interface EditorIdentity {
  id: number;
  email: string;
  role: EditorRole;
  displayName: string | null;
}

/** A row from the editors' queries, as the rest of the service sees it. */
export const identityOf = (row: { id: number; email: string; role: string; display_name: string | null }): EditorIdentity => ({
  id: row.id,
  email: row.email,
  role: isEditorRole(row.role) ? row.role : 'writer',
  displayName: row.display_name,
});

export type Authentication = { ok: true; editor: EditorIdentity } | { ok: false; reason: 'unknown' | 'revoked' };

const TOKEN_PREFIX = 'nsed_';
/** The editor EDITOR_TOKEN stands for. */
export const BOOTSTRAP_EDITOR = 'bootstrap@editor.invalid';

/** A token nobody is told: an editor invited or made an admin at start signs in by email, and has no API token until one is made. */
export const unknownTokenHash = () => hashToken(`${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`);

class EditorExistsError extends Error {}

/** Editors and their API tokens. A token is shown once, when made; only its hash is stored. */
@Injectable()
export class EditorsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(EditorsService.name);

  constructor(
    private readonly db: Db,
    @Inject(editorialConfig.KEY) private readonly config: EditorialConfig,
  ) {}

  async create(email: string, role: EditorRole = 'admin'): Promise<{ editor: EditorIdentity; token: string }> {
    const checked = normaliseEmail(email);
    if (!checked.ok) throw new Error(`${email}: ${checked.message}`);
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    try {
      const created = await this.db.run(queries.create, { email: checked.email, hashToken: hashToken(token), role });
      return { editor: { id: created.rows[0].id, email: checked.email, role, displayName: null }, token };
    } catch (error) {
      if (isUniqueViolation(error)) throw new EditorExistsError(`An editor ${checked.email} already exists`);
      throw error;
    }
  }

  /** Withdraws an editor's token and ends their newsroom sessions at once. */
  async revoke(email: string): Promise<boolean> {
    return this.db.transaction(async () => {
      const revoked = await this.db.run(queries.revoke, { email: email.trim().toLowerCase() });
      if (revoked.rows.length === 0) return false;
      await this.db.run(queries.revoke2, { revoked: revoked.rows[0].id });
      return true;
    });
  }

  async authenticate(token: string): Promise<Authentication> {
    if (!token.startsWith(TOKEN_PREFIX) && token !== this.config.editorToken) return { ok: false, reason: 'unknown' };
    const found = await this.db.run(queries.authenticate, { hashToken: hashToken(token) });
    const row = found.rows[0];
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revoked) return { ok: false, reason: 'revoked' };
    return { ok: true, editor: identityOf(row) };
  }

  /** Editors' display names (or addresses, where they have none) by id, to say who did what. */
  async namesByIds(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const found = await this.db.run(queries.emailsByIds, { ids });
    return new Map(found.rows.map((row) => [row.id, row.display_name ?? row.email]));
  }

  /** Where news for the whole newsroom goes: every editor who can still sign in. */
  async activeEmails(): Promise<string[]> {
    return (await this.db.run(queries.activeEmails, undefined)).rows.map((row) => row.email);
  }

  /**
   * NEWSROOM_ADMINS become admins (made, given back their place, or promoted). EDITOR_TOKEN, when
   * set, is the token of a bootstrap editor; changing it replaces the old one.
   */
  async onApplicationBootstrap(): Promise<void> {
    for (const email of this.config.admins) {
      const changed = await this.db.run(queries.bootstrapAdmin, { email, hashToken: unknownTokenHash() });
      if (changed.rows.length > 0) this.logger.log(`NEWSROOM_ADMINS: ${email} is an admin`);
    }
    const token = this.config.editorToken;
    if (!token) return;
    await this.db.transaction(async () => {
      const updated = await this.db.run(queries.onApplicationBootstrap, { BOOTSTRAP_EDITOR, hashToken: hashToken(token) });
      if (updated.affected === 0) {
        await this.db.run(queries.onApplicationBootstrap2, { BOOTSTRAP_EDITOR, hashToken: hashToken(token) });
      }
    });
    this.logger.log('EDITOR_TOKEN is set: it is accepted as an editor token');
  }
}
