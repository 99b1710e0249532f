import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/**
 * The flags a command accepts: `string` flags take a value, `boolean` flags do not.
 *
 * @example
 * const flags: FlagSpec = { out: 'string', json: 'boolean' };
 */
export type FlagSpec = Record<string, 'string' | 'boolean'>;

/**
 * Parsed flags of one command: strings for value flags, `true` for boolean flags that were given.
 *
 * @example
 * const flags: Flags = { out: './data', json: true };
 */
export type Flags = Record<string, string | boolean | undefined>;

/**
 * Parses `argv` (after the command name) against `spec`. Unknown flags, missing values and positional
 * arguments are {@link UsageError}s.
 *
 * @example
 * parseFlags(['--out', 'data', '--json'], { out: 'string', json: 'boolean' }); // { out: 'data', json: true }
 */
export function parseFlags(argv: readonly string[], spec: FlagSpec, command: string): Flags {
  const options = Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, { type }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '.') : String(error);
    throw new UsageError(`${message} Run "pipedrive-extract ${command} --help" for the options.`);
  }
  if (parsed.positionals.length > 0) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[0]}". Run "pipedrive-extract ${command} --help" for the options.`);
  }
  const flags: Flags = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string' || typeof value === 'boolean') flags[name] = value;
  }
  return flags;
}

/**
 * A string flag's value, or undefined.
 *
 * @example
 * stringFlag({ out: 'data' }, 'out'); // 'data'
 */
export function stringFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} needs a value.`);
  return value.trim();
}

/**
 * A numeric flag's value, checked to be a finite number (and an integer when asked) of at least `min`.
 *
 * @example
 * numberFlag({ rate: '2' }, 'rate', { min: 0.001 }); // 2
 */
export function numberFlag(flags: Flags, name: string, { min, integer = false }: { min: number; integer?: boolean }): number | undefined {
  const text = stringFlag(flags, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got "${text}".`);
  }
  return value;
}

/**
 * One of a fixed set of values.
 *
 * @example
 * choiceFlag({ mode: 'incremental' }, 'mode', ['incremental', 'full-refresh']); // 'incremental'
 */
export function choiceFlag<T extends string>(flags: Flags, name: string, choices: readonly T[]): T | undefined {
  const text = stringFlag(flags, name);
  if (text === undefined) return undefined;
  if (!choices.includes(text as T)) throw new UsageError(`--${name} must be ${choices.join(' or ')}, got "${text}".`);
  return text as T;
}
