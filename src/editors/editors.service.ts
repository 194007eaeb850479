import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EditorialConfig, editorialConfig } from '../config/config';
import { Db, isUniqueViolation } from '../database/db.service';
import * as queries from './editors.queries';
import { normaliseEmail } from '../common/email-address';
import { hashToken } from '../tokens/link-tokens';

export interface EditorIdentity {
  id: number;
  email: string;
}

export type Authentication = { ok: true; editor: EditorIdentity } | { ok: false; reason: 'unknown' | 'revoked' };

const TOKEN_PREFIX = 'nsed_';
/** The editor EDITOR_TOKEN stands for. */
const BOOTSTRAP_EDITOR = 'bootstrap@editor.invalid';

class EditorExistsError extends Error {}

/** Editors and their API tokens. A token is shown once, when made; only its hash is stored. */
@Injectable()
export class EditorsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(EditorsService.name);

  constructor(
    private readonly db: Db,
    @Inject(editorialConfig.KEY) private readonly config: EditorialConfig,
  ) {}

  async create(email: string): Promise<{ editor: EditorIdentity; token: string }> {
    const checked = normaliseEmail(email);
    if (!checked.ok) throw new Error(`${email}: ${checked.message}`);
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    try {
      const created = await this.db.run(queries.create, { email: checked.email, hashToken: hashToken(token) });
      return { editor: { id: created.rows[0].id, email: checked.email }, token };
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
    return { ok: true, editor: { id: row.id, email: row.email } };
  }

  /** Editors' addresses by id, to say who did what. */
  async emailsByIds(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const found = await this.db.run(queries.emailsByIds, { ids });
    return new Map(found.rows.map((row) => [row.id, row.email]));
  }

  /** Where news for the whole newsroom goes: every editor who can still sign in. */
  async activeEmails(): Promise<string[]> {
    return (await this.db.run(queries.activeEmails, undefined)).rows.map((row) => row.email);
  }

  /** EDITOR_TOKEN, when set, is the token of a bootstrap editor; changing it replaces the old one. */
  async onApplicationBootstrap(): Promise<void> {
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
