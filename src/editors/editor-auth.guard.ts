import { CanActivate, ExecutionContext, ForbiddenException, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { mayAct, roleNeeded } from './editor-roles';
import { EditorSignIns, tokenFrom } from './editor-sign-ins';
import { EditorIdentity } from './editors.service';

export interface EditorRequest extends Request {
  editor?: EditorIdentity;
}

/**
 * `Authorization: Bearer <token>` for every editor endpoint, under the shared failure limit; the
 * token's editor must hold the role the route names (@MinRole), and a route naming none refuses everyone.
 */
@Injectable()
export class EditorAuthGuard implements CanActivate {
  constructor(
    private readonly signIns: EditorSignIns,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<EditorRequest>();
    const outcome = await this.signIns.check(req.ip ?? 'unknown', tokenFrom(req.get('authorization')));
    if (outcome.ok) {
      req.editor = outcome.editor;
      const needed = roleNeeded(this.reflector, context);
      if (!needed || !mayAct(outcome.editor.role, needed))
        throw new ForbiddenException(
          `This needs the ${needed ?? 'unknown'} role; this token's editor is a${outcome.editor.role === 'admin' ? 'n' : ''} ${outcome.editor.role}`,
        );
      return true;
    }
    if (outcome.status === 429) {
      req.res?.set('Retry-After', String(outcome.retryAfterSeconds));
      throw new HttpException(outcome.message, HttpStatus.TOO_MANY_REQUESTS);
    }
    throw outcome.status === 403 ? new ForbiddenException(outcome.message) : new UnauthorizedException(outcome.message);
  }
}
