import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import IORedis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { EditorialConfig, editorialConfig } from '../config/config';
import { REDIS } from '../queue/redis.module';
import { EditorIdentity, EditorsService } from './editors.service';

export interface EditorRequest extends Request {
  editor?: EditorIdentity;
}

/**
 * `Authorization: Bearer <token>` for every editor endpoint. Failed attempts are counted per
 * client address; past the limit the address gets 429 until the window passes.
 */
@Injectable()
export class EditorAuthGuard implements CanActivate {
  private readonly failures: RateLimiterRedis;

  constructor(
    private readonly editors: EditorsService,
    @Inject(REDIS) redis: IORedis,
    @Inject(editorialConfig.KEY) config: EditorialConfig,
  ) {
    this.failures = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'editor-auth-failures',
      points: config.authFailuresPer10Min,
      duration: 600,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<EditorRequest>();
    const key = req.ip ?? 'unknown';
    const blocked = await this.failures.get(key);
    if (blocked && blocked.remainingPoints <= 0) throw this.tooMany(blocked);

    const [scheme, token] = (req.get('authorization') ?? '').split(' ');
    const result = scheme === 'Bearer' && token ? await this.editors.authenticate(token) : null;
    if (result?.ok) {
      req.editor = result.editor;
      return true;
    }
    await this.failures.penalty(key, 1);
    if (result?.reason === 'revoked') throw new ForbiddenException('This editor token has been revoked');
    throw new UnauthorizedException('An editor token is required: Authorization: Bearer <token>');
  }

  private tooMany(state: RateLimiterRes): HttpException {
    return new HttpException(
      `Too many failed sign-ins from this address; try again in ${Math.ceil(state.msBeforeNext / 1000)} s`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
