import { readFile } from 'node:fs/promises';
import { ExitCode, errorLine, exitCodeFor } from './exit-codes.js';
import type { CliIO, CommandIO } from './io.js';
import { redactingWriter } from './redact.js';
import { UsageError } from './usage-error.js';
import { USAGE } from './usage.js';

export type { CliIO, Writer } from './io.js';
export { ExitCode } from './exit-codes.js';

type Command = (argv: readonly string[], io: CommandIO) => Promise<number>;

/** Commands load on use: `mock` needs the fake Pipedrive (and msw, an optional peer dependency); the others do not. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  sync: async () => (await import('./commands/sync.js')).syncCommand,
  streams: async () => (await import('./commands/streams.js')).streamsCommand,
  discover: async () => (await import('./commands/discover.js')).discoverCommand,
  mock: async () => {
    try {
      return (await import('./commands/mock.js')).mockCommand;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes("'msw'")) {
        throw new UsageError('The mock command needs the msw package (an optional peer dependency of pipedrive-extract): npm install msw');
      }
      throw error;
    }
  },
};

async function version(): Promise<string> {
  try {
    const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Runs `pipedrive-extract` with `argv` (the arguments after the program name) and returns the exit code.
 * Never throws and never calls `process.exit`: errors become one line on stderr and their exit code
 * (see {@link ExitCode}). The token is never written to stdout or stderr.
 *
 * @example
 * const code = await main(['sync', '--out', 'data', '--state', 'state.json'], { env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const secrets: string[] = [];
  const token = io.env['PIPEDRIVE_API_TOKEN'];
  if (token) secrets.push(token);
  const commandIO: CommandIO = {
    ...io,
    stdout: redactingWriter(io.stdout, () => secrets),
    stderr: redactingWriter(io.stderr, () => secrets),
    secrets,
  };
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      commandIO.stderr.write(USAGE.main);
      return ExitCode.usage;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      commandIO.stdout.write(USAGE.main);
      return ExitCode.ok;
    }
    if (command === '--version' || command === '-v') {
      commandIO.stdout.write(`${await version()}\n`);
      return ExitCode.ok;
    }
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) {
      commandIO.stderr.write(errorLine(`Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run "pipedrive-extract --help".`));
      return ExitCode.usage;
    }
    const run = await load();
    return await run(rest, commandIO);
  } catch (error) {
    commandIO.stderr.write(errorLine(error));
    return exitCodeFor(error);
  }
}
