import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { CsrfService } from './csrf';

/** Every state-changing form post is checked once, before any door's handler runs. */
@Global()
@Module({
  providers: [CsrfService],
  exports: [CsrfService],
})
export class CsrfModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsrfService).forRoutes({ path: '*path', method: RequestMethod.POST });
  }
}
