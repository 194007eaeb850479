// Runs before every end-to-end test file: settings shared by all of them.
process.env.NODE_ENV = 'test';
process.env.TZ = 'UTC';
process.env.LOG_LEVEL ??= 'warn';
process.env.APP_SECRET = 'test-secret-test-secret-test-secret-0123';
// Tests speak for many readers from one machine: each gives its own client address.
process.env.TRUST_PROXY = 'true';
process.env.MAIL_FROM = 'New Statesman <newsletters@newstatesman.test>';
// The tests' feed servers are on loopback, which only development may fetch from (one spec proves the refusal without it).
process.env.FEED_ALLOW_PRIVATE = 'true';
