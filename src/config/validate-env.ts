import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** A bad environment stops the process with this one-line reason. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Settings whose values are never printed, not even when they are wrong. */
const SECRETS = new Set(['APP_SECRET', 'APP_PREVIOUS_SECRETS', 'EDITOR_TOKEN', 'POSTMARK_WEBHOOK_PASSWORD', 'MAILGUN_SIGNING_KEY', 'BOUNCE_WEBHOOK_SECRET']);

/** A setting's value as an error may show it: secrets not at all, URLs without their password. */
export function shown(name: string, raw: string): string | null {
  if (SECRETS.has(name)) return null;
  return JSON.stringify(raw.replace(/^([a-z][\w+.-]*:\/\/[^/:@\s]*:)[^@/\s]*@/i, '$1***@'));
}

function firstProblem(errors: ValidationError[], env: NodeJS.ProcessEnv): string {
  const error = errors[0];
  const constraint = Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid`;
  const raw = env[error.property];
  const value = raw === undefined || raw === '' ? null : shown(error.property, raw);
  return value === null ? constraint : `${constraint} (got ${value})`;
}

/**
 * Reads one section of settings from the environment: empty strings count as unset, so
 * defaults declared on the class apply, and values are converted to the declared types.
 */
export function validateEnv<T extends object>(
  section: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const instance = plainToInstance(section, defined, {
    enableImplicitConversion: true,
    excludeExtraneousValues: false,
  });
  const errors = validateSync(instance, { forbidUnknownValues: false, stopAtFirstError: true });
  if (errors.length > 0) throw new ConfigError(`Invalid configuration: ${firstProblem(errors, env)}`);
  return instance;
}

export function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
