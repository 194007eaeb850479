/**
 * The service as `node dist/src/main.js` runs it (APP_ROLE=api), plus one bare route for
 * bench:redirect to measure against in the same process: `GET /bench/bare` answers a 302 to a fixed
 * URL, with the same headers, from a handler mounted on the same Express app at the same place in
 * the stack as the click redirect (ahead of the page middleware), with nothing else: no code to
 * verify, no links to look up, no Redis.
 */
import '../../src/config/load-env';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../../src/app.module';
import { appConfig, AppConfig, checkConfig } from '../../src/config/config';
import { configureApp } from '../../src/configure-app';
import { BARE_PATH, BARE_TARGET } from './bare-route';

async function bootstrap(): Promise<void> {
  checkConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false, abortOnError: false });
  const https = app.get<AppConfig>(appConfig.KEY).publicUrl.startsWith('https://');
  const headers = {
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': '0',
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
  app.use(BARE_PATH, (_req: Request, res: Response) => {
    res.writeHead(302, { ...headers, Location: BARE_TARGET });
    res.end();
  });
  configureApp(app);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => void app.close().then(() => process.exit(0)));
  }
  const config = app.get<AppConfig>(appConfig.KEY);
  await app.listen(config.port);
  app.get(Logger).log(`Redirect bench service listening on port ${config.port}, with ${BARE_PATH}`);
}

void bootstrap();
