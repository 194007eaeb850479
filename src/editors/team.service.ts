import { Inject, Injectable } from '@nestjs/common';
import { normaliseEmail } from '../common/email-address';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { EditorialConfig, editorialConfig } from '../config/config';
import { Db, isUniqueViolation } from '../database/db.service';
import * as queries from './editors.queries';
import { checkDisplayName } from './display-name';
import { EditorAudit } from './editor-audit.service';
import { EditorRole, isEditorRole } from './editor-roles';
import { EditorSessionsService, SESSION_IDLE_HOURS } from './editor-sessions.service';
import { BOOTSTRAP_EDITOR, EditorIdentity, identityOf, unknownTokenHash } from './editors.service';

export interface TeamMember extends EditorIdentity {
  lastSignIn: Date | null;
  activeSessions: number;
  since: Date;
}

const LAST_ADMIN = 'The team needs at least one admin: make someone else an admin first';

/**
 * The team, as admins manage it on /newsroom/team: invitations (a sign-in link that accepts),
 * roles, and removal (which ends the member's sessions at once). The last admin cannot be removed
 * or demoted; admins are locked while that is checked, so two admins cannot demote each other at once.
 */
@Injectable()
export class TeamService {
  constructor(
    private readonly db: Db,
    private readonly sessions: EditorSessionsService,
    private readonly audit: EditorAudit,
    @Inject(editorialConfig.KEY) private readonly config: EditorialConfig,
  ) {}

  async list(): Promise<TeamMember[]> {
    const found = await this.db.run(queries.team, { idleHours: SESSION_IDLE_HOURS, maxHours: this.config.sessionMaxHours, bootstrap: BOOTSTRAP_EDITOR });
    return found.rows.map((row) => ({ ...identityOf(row), lastSignIn: row.last_sign_in, activeSessions: row.active_sessions ?? 0, since: row.created_at }));
  }

  async invite(by: EditorIdentity, input: { email: unknown; role: unknown; displayName: unknown }, client: string | null): Promise<EditorIdentity> {
    const checked = normaliseEmail(input.email);
    const errors = [];
    if (!checked.ok) errors.push({ field: 'email', message: checked.message });
    if (!isEditorRole(input.role)) errors.push({ field: 'role', message: 'Choose a role' });
    const named = checkDisplayName(input.displayName ?? '');
    if (!named.ok) errors.push({ field: 'displayName', message: named.message });
    const displayName = named.ok ? named.name : null;
    if (!checked.ok || !isEditorRole(input.role) || errors.length > 0) throw new InvalidInputError(errors);
    const role = input.role;
    let id: number;
    try {
      const made = await this.db.run(queries.invite, { email: checked.email, hashToken: unknownTokenHash(), role, displayName });
      if (made.rows.length === 0) throw new ConflictError(`${checked.email} is already on the team`);
      id = made.rows[0].id;
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`${checked.email} is already on the team`);
      throw error;
    }
    await this.audit.record({ editorId: by.id, action: 'team.invite', subjectEditorId: id, detail: `as ${role}`, client });
    await this.sessions.invite(checked.email, by.displayName ?? by.email);
    return { id, email: checked.email, role, displayName };
  }

  async setRole(by: EditorIdentity, id: number, role: unknown, client: string | null): Promise<void> {
    if (!isEditorRole(role)) throw new InvalidInputError([{ field: 'role', message: 'Choose a role' }]);
    const before = await this.db.transaction(async () => {
      await this.db.run(queries.lockAdmins, undefined);
      const member = await this.member(id);
      if (member.role === role) return null;
      if (member.role === 'admin') await this.keepAnAdmin(id);
      await this.db.run(queries.setRole, { id, role });
      return member.role;
    });
    if (before) await this.audit.record({ editorId: by.id, action: 'team.role', subjectEditorId: id, detail: `${before} → ${role}`, client });
  }

  /** Removes a member: their sessions end at once, their API token stops working. */
  async remove(by: EditorIdentity, id: number, client: string | null): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.run(queries.lockAdmins, undefined);
      const member = await this.member(id);
      if (member.role === 'admin') await this.keepAnAdmin(id);
      await this.db.run(queries.remove, { id });
      await this.db.run(queries.revoke2, { revoked: id });
    });
    await this.audit.record({ editorId: by.id, action: 'team.remove', subjectEditorId: id, client });
  }

  /** The name the newsroom uses for a member (sign-offs, the audit log, reports); empty for their address. */
  async setDisplayName(by: EditorIdentity, id: number, displayName: unknown, client: string | null): Promise<void> {
    const checked = checkDisplayName(displayName);
    if (!checked.ok) throw new InvalidInputError([{ field: `name-${id}`, message: checked.message }]);
    await this.member(id);
    await this.db.run(queries.setDisplayName, { id, displayName: checked.name });
    await this.audit.record({
      editorId: by.id,
      action: 'team.name',
      subjectEditorId: id,
      detail: checked.name ? `named ${checked.name}` : 'name removed',
      client,
    });
  }

  /**
   * A member names themselves (any role): the same rules as the team page, audited as their own
   * action. Saving the name they already have changes and records nothing.
   */
  async setOwnDisplayName(me: EditorIdentity, displayName: unknown, client: string | null): Promise<void> {
    const checked = checkDisplayName(displayName);
    if (!checked.ok) throw new InvalidInputError([{ field: 'displayName', message: checked.message }]);
    const current = await this.member(me.id);
    if (current.displayName === checked.name) return;
    await this.db.run(queries.setDisplayName, { id: me.id, displayName: checked.name });
    await this.audit.record({
      editorId: me.id,
      action: 'account.name',
      subjectEditorId: me.id,
      detail: checked.name ? `named ${checked.name}` : 'name removed',
      client,
    });
  }

  private async member(id: number): Promise<EditorIdentity & { role: EditorRole }> {
    const found = await this.db.run(queries.member, { id, bootstrap: BOOTSTRAP_EDITOR });
    if (!found.rows[0]) throw new NotFoundError('No such member of the team');
    return identityOf(found.rows[0]);
  }

  private async keepAnAdmin(id: number): Promise<void> {
    const others = await this.db.run(queries.otherAdmins, { id, bootstrap: BOOTSTRAP_EDITOR });
    if ((others.rows[0]?.admins ?? 0) === 0) throw new ConflictError(LAST_ADMIN);
  }
}
