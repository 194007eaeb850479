import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { CsrfService } from './csrf';

/** Every state-changing request is checked once, before any door's handler runs (GET, HEAD and OPTIONS pass). */
@Global()
@Module({
  providers: [CsrfService],
  exports: [CsrfService],
})
export class CsrfModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsrfService).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
