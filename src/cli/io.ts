/**
 * Where the command line reads and writes: argv comes separately, everything else through this object, so
 * the CLI runs the same in-process (tests, the demo) and as a real process.
 */

/**
 * A text sink such as `process.stdout`.
 *
 * @example
 * const writer: Writer = { write: (chunk) => process.stdout.write(chunk), isTTY: process.stdout.isTTY };
 */
export interface Writer {
  write(chunk: string): unknown;
  /** True when a terminal is attached: the live progress display is drawn only then. */
  isTTY?: boolean;
  /** Terminal width in characters. */
  columns?: number;
  /** Terminal height in lines. */
  rows?: number;
}

/**
 * The environment of one CLI run.
 *
 * @example
 * await main(['streams'], { env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
export interface CliIO {
  /** Environment variables (`PIPEDRIVE_API_TOKEN`, `PIPEDRIVE_DOMAIN`, `PIPEDRIVE`, `PIPEDRIVE_BASE_URL`). */
  env: Record<string, string | undefined>;
  /** Results: the summary table, `--json` events, catalogs. */
  stdout: Writer;
  /** Progress, log lines and the one error line. */
  stderr: Writer;
  /** Relative paths resolve against this directory. @default process.cwd() */
  cwd?: string;
  /** Stops a running `sync` (after its last consistent checkpoint) or `mock`. */
  signal?: AbortSignal;
}

/**
 * What commands get: the caller's {@link CliIO} with redacting writers, and the list of secrets those
 * writers hide (a command adds the token as soon as it knows it).
 *
 * @example
 * io.secrets.push(credentials.apiToken);
 */
export interface CommandIO extends CliIO {
  secrets: string[];
}
