import { CanActivate, ExecutionContext, ForbiddenException, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { EditorSignIns, tokenFrom } from './editor-sign-ins';
import { EditorIdentity } from './editors.service';

export interface EditorRequest extends Request {
  editor?: EditorIdentity;
}

/** `Authorization: Bearer <token>` for every editor endpoint, under the shared failure limit. */
@Injectable()
export class EditorAuthGuard implements CanActivate {
  constructor(private readonly signIns: EditorSignIns) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<EditorRequest>();
    const outcome = await this.signIns.check(req.ip ?? 'unknown', tokenFrom(req.get('authorization')));
    if (outcome.ok) {
      req.editor = outcome.editor;
      return true;
    }
    if (outcome.status === 429) {
      req.res?.set('Retry-After', String(outcome.retryAfterSeconds));
      throw new HttpException(outcome.message, HttpStatus.TOO_MANY_REQUESTS);
    }
    throw outcome.status === 403 ? new ForbiddenException(outcome.message) : new UnauthorizedException(outcome.message);
  }
}
