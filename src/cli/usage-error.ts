/**
 * A mistake in the command line or in a file it reads (bad flag, unreadable state or replication file,
 * missing token). Exit code 2, one line on stderr, nothing written.
 *
 * @example
 * throw new UsageError('--mode must be incremental or full-refresh, got "fast".');
 */
export class UsageError extends Error {
  readonly code = 'usage';

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
