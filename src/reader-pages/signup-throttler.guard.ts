import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { Metrics } from '../metrics/metrics';

/** The throttler's name, which @nestjs/throttler appends to every header of a named limit. */
const SUFFIX = '-signup';

/** The sign-up limit, with each refusal counted: a 429 never reaches the controller. */
@Injectable()
export class SignupThrottlerGuard extends ThrottlerGuard {
  @Inject(Metrics) private readonly metrics!: Metrics;

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    this.metrics.signup('rate_limited');
    return super.throwThrottlingException(context, detail);
  }

  /** Clients and proxies read `Retry-After` (RFC 9110), not `Retry-After-signup`. */
  protected override setResponseHeader(res: Record<string, unknown>, name: string, value: string | number): void {
    super.setResponseHeader(res, name.endsWith(SUFFIX) ? name.slice(0, -SUFFIX.length) : name, value);
  }
}
