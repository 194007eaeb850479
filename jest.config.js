// Unit specs sit beside the code (src, *.spec.ts); end-to-end specs live in test/ (*.e2e-spec.ts).
// Every end-to-end spec runs on PostgreSQL; the `embedded` project runs the reader's journey, an
// edition's send, the CLI (a second process joining the first one's database) and the retention
// of deliveries' partitions again on PGlite, the database `npm start` uses by default. (The sign-up
// page in a browser is the same page on either database; CI's start check signs up on PGlite.)
// `jest --selectProjects e2e test/x.e2e-spec.ts` (or `npm run test:e2e -- test/x.e2e-spec.ts`) reads
// the path as one more project name and runs every spec of the project: refuse, and say how.
{
  const argv = process.argv;
  const at = argv.indexOf('--selectProjects');
  const strays = [];
  for (let i = at + 1; at >= 0 && i < argv.length && !argv[i].startsWith('-'); i += 1) if (/[/.]/.test(argv[i])) strays.push(argv[i]);
  if (strays.length > 0) {
    console.error(`jest: ${strays.join(', ')} came after --selectProjects and would be read as project names, running every spec. Put paths first: npx jest ${strays.join(' ')} --selectProjects …`);
    process.exit(2);
  }
}

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const e2e = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
};

module.exports = {
  // A generous ceiling for slow machines; tests wait on outcomes (queues, mail), never on time.
  testTimeout: 120_000,
  // One worker process, not the runner's own: each spec file starts Nest apps whose memory a long
  // run never gets back (the runner reached 5 GB and late specs ran ten times slower); a worker
  // past this after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      ...e2e,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/env.ts'],
    },
    {
      ...e2e,
      displayName: 'embedded',
      testMatch: ['<rootDir>/test/{reader-journey,edition-send,cli-send,delivery-retention}.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/env.ts', '<rootDir>/test/support/embedded-env.ts'],
    },
  ],
};
