// The embedded project: no DATABASE_URL, so the app opens PGlite under the test's VAR_DIR,
// exactly as `npm start` does on a newcomer's machine.
process.env.TEST_DATABASE = 'embedded';
