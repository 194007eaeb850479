"use strict";
process.env.NODE_ENV = 'test';
process.env.TZ = 'UTC';
process.env.LOG_LEVEL ??= 'warn';
process.env.APP_SECRET = 'test-secret-test-secret-test-secret-0123';
process.env.TRUST_PROXY = 'true';
process.env.MAIL_FROM = 'New Statesman <newsletters@newstatesman.test>';
//# sourceMappingURL=env.js.map