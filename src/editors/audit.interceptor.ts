import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, mergeMap, Observable } from 'rxjs';
import { AuditAction, EditorAudit } from './editor-audit.service';
import { EditorIdentity } from './editors.service';

const AUDITED = 'newsroom:audited';

/** What the `:id` in the route names, if anything. */
type Target = 'edition' | 'reader' | 'none';

/**
 * Records the handler's action in the audit log once it has succeeded (an answer under 400):
 * who (the signed-in editor or the API token's), the edition or reader the route's `:id` names,
 * and the client's address.
 */
export const Audited = (action: AuditAction, target: Target = 'none') => SetMetadata(AUDITED, { action, target });

@Injectable()
export class EditorAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: EditorAudit,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const audited = this.reflector.get<{ action: AuditAction; target: Target } | undefined>(AUDITED, context.getHandler());
    if (!audited) return next.handle();
    const req = context.switchToHttp().getRequest<Request & { editor?: EditorIdentity }>();
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      mergeMap((value: unknown) =>
        from(
          (async () => {
            if (req.editor && res.statusCode < 400) {
              const id = Number(req.params.id ?? NaN);
              // A new edition's id is where the answer sends the browser.
              const created = /\/editions\/(\d+)/.exec(String(res.getHeader('location') ?? ''));
              const editionId = audited.target === 'edition' ? (Number.isInteger(id) ? id : created ? Number(created[1]) : null) : null;
              await this.audit.record({
                editorId: req.editor.id,
                action: audited.action,
                editionId,
                subscriberId: audited.target === 'reader' && Number.isInteger(id) ? id : null,
                detail: req.params.slug ? `newsletter ${req.params.slug}` : null,
                client: req.ip ?? null,
              });
            }
            return value;
          })(),
        ),
      ),
    );
  }
}
