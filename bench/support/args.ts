import { parseArgs } from 'node:util';

export type OptionSpec = Record<string, { default: number | string | boolean; help: string }>;
export type Options<S extends OptionSpec> = { [K in keyof S]: S[K]['default'] };

/**
 * `--name value` options with typed defaults: a number default makes the option a number, a
 * boolean one a flag. `--help` prints them; an unknown option or a bad number stops the bench.
 */
export function options<S extends OptionSpec>(usage: string, spec: S, argv = process.argv.slice(2)): Options<S> {
  const parsed = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: 'boolean' },
      ...Object.fromEntries(
        Object.entries(spec).map(([name, o]) => [name, { type: typeof o.default === 'boolean' ? 'boolean' : 'string' }] as const),
      ),
    },
  }).values as Record<string, string | boolean | undefined>;
  if (parsed.help) {
    console.log(`${usage}\n`);
    for (const [name, o] of Object.entries(spec)) console.log(`  --${name.padEnd(14)} ${o.help} (default ${o.default})`);
    process.exit(0);
  }
  const values: Record<string, number | string | boolean> = {};
  for (const [name, o] of Object.entries(spec)) {
    const given = parsed[name];
    if (given === undefined) values[name] = o.default;
    else if (typeof o.default === 'number') {
      const n = Number(given);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, not "${String(given)}"`);
      values[name] = n;
    } else values[name] = given;
  }
  return values as Options<S>;
}
