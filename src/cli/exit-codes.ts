import { AuthenticationError, ConfigError, DailyBudgetExceededError, ForbiddenError } from '../errors.js';
import { UsageError } from './usage-error.js';

/**
 * The exit codes of `pipedrive-extract`, one per kind of outcome.
 *
 * @example
 * if ((await main(argv, io)) === ExitCode.authentication) console.error('check the token');
 */
export const ExitCode = {
  /** Everything asked for was done. */
  ok: 0,
  /** Any other failure, including a stream that ended with an error while others went on. */
  failure: 1,
  /** Bad command line or configuration; nothing was written. */
  usage: 2,
  /** Pipedrive refused the token (401). */
  authentication: 3,
  /** The company's daily token budget is spent. */
  dailyBudget: 4,
  /** Cloudflare blocked the token, or Pipedrive answered 403. */
  forbidden: 5,
  /** Stopped by SIGINT or SIGTERM (after the last consistent checkpoint). */
  interrupted: 130,
} as const;

/**
 * One of the {@link ExitCode} values.
 *
 * @example
 * const code: ExitCodeValue = ExitCode.ok;
 */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The exit code an error maps to.
 *
 * @example
 * exitCodeFor(new ConfigError('bad')); // 2
 */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof UsageError || error instanceof ConfigError) return ExitCode.usage;
  if (error instanceof AuthenticationError) return ExitCode.authentication;
  if (error instanceof DailyBudgetExceededError) return ExitCode.dailyBudget;
  if (error instanceof ForbiddenError) return ExitCode.forbidden;
  return ExitCode.failure;
}

/**
 * The one line printed for an error: its message on a single line.
 *
 * @example
 * errorLine(new Error('a\nb')); // 'pipedrive-extract: a b'
 */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `pipedrive-extract: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`;
}
