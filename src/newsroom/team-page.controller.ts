import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CsrfService } from '../common/csrf';
import { ConflictError } from '../common/domain-errors';
import { FieldError, fieldErrorsOf } from '../common/field-errors';
import { AUDIT_ACTIONS, AuditAction, AuditEntry, AuditFilter, EditorAudit } from '../editors/editor-audit.service';
import { EDITOR_ROLES, MinRole } from '../editors/editor-roles';
import { TeamService } from '../editors/team.service';
import { NewsroomPages } from './newsroom-pages';
import { NewsroomRequest, NewsroomSessionGuard } from './newsroom-session';

type Form = Record<string, unknown>;

const PAGE_SIZE = 50;
const CSV_LIMIT = 100_000;
const LONDON = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });
const when = (at: Date | null) => (at ? { iso: at.toISOString(), label: LONDON.format(at) } : null);
const ROLE_WORDS = { admin: 'Admin', editor: 'Editor', writer: 'Writer' };
const FLASHES: Record<string, string> = { invited: 'Invitation sent.', role: 'Role changed.', removed: 'Removed from the team: their sessions have ended.', name: 'Display name saved.' };

/** A CSV cell: quoted, and a leading =, +, - or @ defused so a spreadsheet does not run it. */
const cell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

/** The team (admins manage it), everyone's own display name, and the audit log (admins). */
@ApiExcludeController()
@UseGuards(NewsroomSessionGuard)
@Controller('newsroom')
export class TeamPageController {
  constructor(
    private readonly team: TeamService,
    private readonly audit: EditorAudit,
    private readonly pages: NewsroomPages,
    private readonly csrf: CsrfService,
  ) {}

  @MinRole('admin')
  @Get('team')
  async show(@Query('done') done: unknown, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.teamPage(req, res, { flash: typeof done === 'string' ? FLASHES[done] : undefined });
  }

  @MinRole('admin')
  @Post('team/invite')
  async invite(@Body() body: Form, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      await this.team.invite(req.editor!, { email: body.email, role: body.role, displayName: body.displayName }, req.ip ?? null);
    } catch (error) {
      const errors = error instanceof ConflictError ? [{ field: 'email', message: error.message }] : fieldErrorsOf(error);
      if (!errors) throw error;
      res.status(400);
      return this.teamPage(req, res, { errors, form: body });
    }
    return this.seeOther(res, '/newsroom/team?done=invited');
  }

  @MinRole('admin')
  @Post('team/:id/role')
  async role(@Param('id', ParseIntPipe) id: number, @Body() body: Form, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      await this.team.setRole(req.editor!, id, body.role, req.ip ?? null);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      res.status(409);
      return this.teamPage(req, res, { errors: [{ field: `role-${id}`, message: error.message }] });
    }
    return this.seeOther(res, '/newsroom/team?done=role');
  }

  @MinRole('admin')
  @Post('team/:id/name')
  async name(@Param('id', ParseIntPipe) id: number, @Body() body: Form, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      await this.team.setDisplayName(req.editor!, id, body.displayName, req.ip ?? null);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      res.status(400);
      return this.teamPage(req, res, { errors });
    }
    return this.seeOther(res, '/newsroom/team?done=name');
  }

  /** Everyone's own page: their name as the newsroom shows it (sign-offs, the audit log, reports). */
  @MinRole('writer')
  @Get('account')
  account(@Query('done') done: unknown, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): string {
    return this.accountPage(req, res, { flash: done === 'name' ? 'Your name is saved.' : undefined });
  }

  @MinRole('writer')
  @Post('account/name')
  async ownName(@Body() body: Form, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      await this.team.setOwnDisplayName(req.editor!, body.displayName, req.ip ?? null);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      if (!errors) throw error;
      res.status(400);
      return this.accountPage(req, res, { errors, displayName: typeof body.displayName === 'string' ? body.displayName : '' });
    }
    return this.seeOther(res, '/newsroom/account?done=name');
  }

  @MinRole('admin')
  @Post('team/:id/remove')
  async remove(@Param('id', ParseIntPipe) id: number, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      await this.team.remove(req.editor!, id, req.ip ?? null);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      res.status(409);
      return this.teamPage(req, res, { errors: [{ field: `remove-${id}`, message: error.message }] });
    }
    return this.seeOther(res, '/newsroom/team?done=removed');
  }

  @MinRole('admin')
  @Get('audit')
  async auditLog(@Query() query: Form, @Req() req: NewsroomRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    res.type('html');
    const { filter, errors, values } = this.filterOf(query);
    const rows = errors.length > 0 ? [] : await this.audit.entries(filter, PAGE_SIZE + 1);
    const entries = rows.slice(0, PAGE_SIZE);
    const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== ''));
    const older = rows.length > PAGE_SIZE ? `/newsroom/audit?${new URLSearchParams([...params, ['before', String(entries[entries.length - 1].id)]])}` : null;
    return this.pages.render('audit', {
      title: 'Audit log',
      section: 'audit',
      editor: req.editor,
      csrfToken: this.csrf.token(req, res),
      entries: entries.map((e) => ({ ...e, at: when(e.at) })),
      values,
      errors: Object.fromEntries(errors.map((e) => [e.field, e.message])),
      errorList: errors,
      members: (await this.team.list()).map((m) => ({ id: String(m.id), name: m.displayName ?? m.email, selected: values.editor === String(m.id) })),
      actions: Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label, selected: values.action === value })),
      older,
      newest: query.before ? `/newsroom/audit?${params}` : null,
      csv: `/newsroom/audit.csv?${params}`,
    });
  }

  @MinRole('admin')
  @Get('audit.csv')
  async auditCsv(@Query() query: Form, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { filter, errors } = this.filterOf(query);
    const entries = errors.length > 0 ? [] : await this.audit.entries(filter, CSV_LIMIT);
    res.type('text/csv; charset=utf-8');
    res.set('Content-Disposition', 'attachment; filename="newsroom-audit.csv"');
    const header = ['id', 'when', 'editor_id', 'who', 'action', 'what', 'edition_id', 'reader_id', 'team_member', 'detail', 'client'];
    const line = (e: AuditEntry) => [e.id, e.at.toISOString(), e.editorId, e.who, e.action, e.what, e.editionId, e.subscriberId, e.subject, e.detail, e.client].map(cell).join(',');
    return [header.join(','), ...entries.map(line)].join('\r\n') + '\r\n';
  }

  private filterOf(query: Form): { filter: AuditFilter; errors: FieldError[]; values: Record<string, string> } {
    const text = (key: string) => (typeof query[key] === 'string' ? (query[key] as string).trim() : '');
    const values = { editor: text('editor'), action: text('action'), from: text('from'), until: text('until') };
    const errors: FieldError[] = [];
    const day = (field: 'from' | 'until') => {
      if (values[field] === '') return null;
      const at = /^\d{4}-\d{2}-\d{2}$/.test(values[field]) ? new Date(`${values[field]}T00:00:00Z`) : new Date(NaN);
      if (Number.isNaN(at.getTime())) errors.push({ field, message: `${field === 'from' ? 'From' : 'Until'} must be a date, like 2026-12-01` });
      return Number.isNaN(at.getTime()) ? null : at;
    };
    const from = day('from');
    const until = day('until');
    const editorId = /^\d{1,9}$/.test(values.editor) ? Number(values.editor) : null;
    const action = values.action in AUDIT_ACTIONS ? (values.action as AuditAction) : null;
    const before = text('before');
    return {
      // "Until" a day includes that day.
      filter: { editorId, action, from, until: until && new Date(until.getTime() + 86_400_000), beforeId: /^\d{1,12}$/.test(before) ? Number(before) : null },
      errors,
      values,
    };
  }

  private async teamPage(req: NewsroomRequest, res: Response, extra: { flash?: string; errors?: FieldError[]; form?: Form }): Promise<string> {
    res.type('html');
    const members = await this.team.list();
    return this.pages.render('team', {
      title: 'Team',
      section: 'team',
      editor: req.editor,
      csrfToken: this.csrf.token(req, res),
      flash: extra.flash,
      errorList: extra.errors ?? [],
      errors: Object.fromEntries((extra.errors ?? []).map((e) => [e.field, e.message])),
      form: extra.form ?? { role: 'writer' },
      members: members.map((m) => ({
        ...m,
        name: m.displayName ?? m.email,
        roleWord: ROLE_WORDS[m.role],
        you: m.id === req.editor!.id,
        lastSignIn: when(m.lastSignIn),
        roles: EDITOR_ROLES.map((value) => ({ value, label: ROLE_WORDS[value], selected: value === m.role })),
      })),
      roles: EDITOR_ROLES.map((value) => ({ value, label: ROLE_WORDS[value], checked: value === ((extra.form?.role as string) ?? 'writer') })),
    });
  }

  private accountPage(req: NewsroomRequest, res: Response, extra: { flash?: string; errors?: FieldError[]; displayName?: string }): string {
    res.type('html');
    const me = req.editor!;
    return this.pages.render('account', {
      title: 'Your account',
      section: 'account',
      editor: me,
      csrfToken: this.csrf.token(req, res),
      flash: extra.flash,
      errorList: extra.errors ?? [],
      errors: Object.fromEntries((extra.errors ?? []).map((e) => [e.field, e.message])),
      displayName: extra.displayName ?? me.displayName ?? '',
      signOff: me.displayName ?? me.email,
      roleWord: ROLE_WORDS[me.role],
    });
  }

  private seeOther(res: Response, location: string): string {
    res.status(303).location(location);
    return '';
  }
}
