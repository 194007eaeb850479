// Runs before every test file: settings shared by all end-to-end tests. The database dialect
// (DATABASE_URL set or not) is inherited from whoever runs jest.
process.env.NODE_ENV = 'test';
process.env.TZ = 'UTC';
process.env.LOG_LEVEL ??= 'warn';
process.env.APP_SECRET = 'test-secret-test-secret-test-secret-0123';
// Tests speak for many readers from one machine: each gives its own client address.
process.env.TRUST_PROXY = 'true';
process.env.MAIL_FROM = 'New Statesman <newsletters@newstatesman.test>';
