"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("../../src/config/load-env");
const core_1 = require("@nestjs/core");
const nestjs_pino_1 = require("nestjs-pino");
const app_module_1 = require("../../src/app.module");
const config_1 = require("../../src/config/config");
const configure_app_1 = require("../../src/configure-app");
const bare_route_1 = require("./bare-route");
async function bootstrap() {
    (0, config_1.checkConfig)();
    const app = await core_1.NestFactory.create(app_module_1.AppModule, { bufferLogs: true, bodyParser: false, abortOnError: false });
    const https = app.get(config_1.appConfig.KEY).publicUrl.startsWith('https://');
    const headers = {
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        'X-Content-Type-Options': 'nosniff',
        'Content-Length': '0',
        ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
    };
    app.use(bare_route_1.BARE_PATH, (_req, res) => {
        res.writeHead(302, { ...headers, Location: bare_route_1.BARE_TARGET });
        res.end();
    });
    (0, configure_app_1.configureApp)(app);
    for (const signal of ['SIGTERM', 'SIGINT']) {
        process.on(signal, () => void app.close().then(() => process.exit(0)));
    }
    const config = app.get(config_1.appConfig.KEY);
    await app.listen(config.port);
    app.get(nestjs_pino_1.Logger).log(`Redirect bench service listening on port ${config.port}, with ${bare_route_1.BARE_PATH}`);
}
void bootstrap();
//# sourceMappingURL=redirect-server.js.map