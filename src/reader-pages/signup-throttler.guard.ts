import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { Metrics } from '../metrics/metrics';

/** The sign-up limit, with each refusal counted: a 429 never reaches the controller. */
@Injectable()
export class SignupThrottlerGuard extends ThrottlerGuard {
  @Inject(Metrics) private readonly metrics!: Metrics;

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    this.metrics.signup('rate_limited');
    return super.throwThrottlingException(context, detail);
  }
}
