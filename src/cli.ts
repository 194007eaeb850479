import './config/load-env';

// Only `send` needs workers in this process (to deliver what it starts); the other commands
// must not pick up queue work. Roles are read when modules load, so decide before importing them.
if (process.argv[2] !== 'send') process.env.APP_ROLE = 'api';
// The running service takes inbound mail; a command never listens for it (nor takes its port).
process.env.INBOUND_SMTP_PORT = '';
process.env.LOG_LEVEL ??= 'warn';

async function main(): Promise<void> {
  const { CommandFactory } = await import('nest-commander');
  const { CliModule } = await import('./cli/cli.module');
  const { checkConfig } = await import('./config/config');
  try {
    checkConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  await CommandFactory.run(CliModule, {
    logger: ['error', 'warn'],
    cliName: 'npm run cli --',
    errorHandler: (error) => {
      console.error(error.message);
      process.exit(1);
    },
    serviceErrorHandler: (error) => {
      console.error(error.message);
      process.exit(1);
    },
  });
}

void main();
