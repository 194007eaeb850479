import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json, raw, urlencoded } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { HttpErrorsFilter } from './common/http-errors';
import { jsonDepthExceeds } from './common/json-depth';
import { dirname, join } from 'node:path';
import { SAMPLES_DIR, templatesDir } from './config/paths';
import { AppConfig, appConfig } from './config/config';
import { TemplatesService } from './mail/templates.service';
import { REDIRECT_PATH } from './clicks/click-links';
import { ClicksService } from './clicks/clicks.service';
import { clickRedirect } from './clicks/redirect.middleware';
import { httpMetrics } from './metrics/http-metrics';
import { Metrics } from './metrics/metrics';
import { embedConfig, EmbedConfig } from './config/config';
import { embedCors } from './embed/embed-cors';

const BODY_LIMIT = '16kb';
/** No body the service takes nests deeper than a few levels; 32 leaves the API room to grow. */
const JSON_MAX_DEPTH = 32;
/** Providers batch events (SendGrid up to a few hundred per POST): webhooks get more room. */
const WEBHOOK_BODY_LIMIT = '1mb';

/**
 * Bodies in UTF-8 only (or with no charset named): the parsers would decode UTF-7 and others,
 * where `a+AEA-b.example` reads as `a@b.example`. Anything else is answered 415.
 */
function utf8Only(req: { headers: Record<string, string | string[] | undefined> }, _res: unknown, next: (error?: unknown) => void): void {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(String(req.headers['content-type'] ?? ''))?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return next();
  next(Object.assign(new Error(`Unsupported charset ${charset}`), { status: 415, type: 'charset.unsupported' }));
}

/** Everything main.ts and the end-to-end tests both need on the HTTP app. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(appConfig.KEY);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(httpMetrics(app.get(Metrics)));
  const https = config.publicUrl.startsWith('https://');
  // Digests' article links, answered before the page middleware (src/clicks/redirect.middleware.ts).
  app.use(REDIRECT_PATH, clickRedirect(app.get(ClicksService), { https }));
  app.use(
    helmet({
      // Over plain http (a newcomer's localhost) upgrading requests would break every form post.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } },
      strictTransportSecurity: https,
    }),
  );
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(cookieParser());
  // The sign-up box's script on EMBED_ORIGINS' pages; nothing is answered to anyone else.
  app.use(embedCors(app.get<EmbedConfig>(embedConfig.KEY).origins));
  const errors = new HttpErrorsFilter(app.get(TemplatesService));
  app.use(utf8Only);
  // Webhook signatures are over the exact bytes sent: /webhooks/* keep them raw, whatever the
  // content type (SNS posts JSON as text/plain), and the parsers below then leave them alone.
  app.use('/webhooks', raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }));
  app.use(
    json({
      limit: BODY_LIMIT,
      verify: (_req, _res, body) => {
        if (jsonDepthExceeds(body, JSON_MAX_DEPTH)) throw Object.assign(new Error('JSON nested too deeply'), { status: 400, type: 'entity.too.deep' });
      },
    }),
  );
  app.use(urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 100 }));
  app.use(errors.expressHandler());
  app.useGlobalFilters(errors);
  // The sample feed built from the seed page, for the demo and the tests.
  app.useStaticAssets(SAMPLES_DIR, { prefix: '/samples/', index: false });
  // The newsroom's scripts: its own, and Chart.js from node_modules (never a CDN).
  app.useStaticAssets(join(templatesDir(), 'assets'), { prefix: '/newsroom/assets/', index: false });
  app.useStaticAssets(dirname(require.resolve('chart.js')), { prefix: '/newsroom/assets/chart/', index: false });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('New Statesman newsletters')
      .setDescription('Sign-up, preferences and delivery for The Saturday Read and Morning Call')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
