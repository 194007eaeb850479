import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { allowedOrigin, requestOrigin } from '../common/embed-origins';
import type { FieldError } from '../common/field-errors';
import { normalisePage, SignupPage, SignupVia } from '../common/signup-page';
import { AppConfig, appConfig, EmbedConfig, embedConfig } from '../config/config';
import { SignupChallenge } from './signup-challenge';

/** What /subscribe needs to know about where a sign-up came from, besides its fields. */
export interface SignupContext {
  via: SignupVia;
  page: SignupPage | null;
  /** The proof-of-work solution, when this way in needs one. */
  solution: string | null;
  errors: FieldError[];
}

/**
 * The embed's part of a sign-up: the way in (script, iframe, the no-JavaScript form from an
 * allowed origin, this service's own page, or the API), the page it names, and its proof of work.
 */
@Injectable()
export class EmbedSignups {
  private readonly ownOrigin: string;

  constructor(
    @Inject(embedConfig.KEY) private readonly embed: EmbedConfig,
    @Inject(appConfig.KEY) app: AppConfig,
    private readonly challenge: SignupChallenge,
  ) {
    this.ownOrigin = new URL(app.publicUrl).origin;
  }

  /** Checks the solution when one is needed; it is taken (`take`) only once the sign-up is otherwise good. */
  async context(req: Request, body: unknown, json: boolean): Promise<SignupContext> {
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const from = requestOrigin(req.headers);
    const embedded = allowedOrigin(from, this.embed.origins);
    const via: SignupVia = json ? (embedded ? 'script' : fields.via === 'iframe' || fields.via === 'script' ? fields.via : 'api') : embedded ? 'form' : 'page';
    const needsSolution = via === 'script' || via === 'iframe' || (this.embed.ownPageChallenge && (via === 'page' || via === 'api'));
    const problem = needsSolution ? await this.challenge.check(fields.altcha) : null;
    return {
      via,
      page: this.page(fields.articleUrl ?? req.get('referer'), via),
      solution: needsSolution && !problem ? (fields.altcha as string) : null,
      errors: problem ? [problem] : [],
    };
  }

  /** Takes the solution for good: an error when it was used already. */
  async take(context: SignupContext): Promise<FieldError | null> {
    if (context.solution === null) return null;
    return (await this.challenge.take(context.solution)) ? null : this.challenge.reused;
  }

  /** Where the "check your inbox" page links back to: the article, for the no-JavaScript form. */
  backLink(raw: unknown): string | null {
    const page = normalisePage(raw);
    return page && allowedOrigin(new URL(page.url).origin, this.embed.origins) ? page.url : null;
  }

  /** The page, when it is on an allowed origin or this service's own: nobody else's pages are counted. */
  private page(raw: unknown, via: SignupVia): SignupPage | null {
    const page = normalisePage(raw);
    if (!page) return null;
    const origin = new URL(page.url).origin;
    if (origin !== this.ownOrigin && !allowedOrigin(origin, this.embed.origins)) return null;
    return { ...page, via };
  }
}
