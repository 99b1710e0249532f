import { parseFlags, type FlagSpec } from '../args.js';
import { CLIENT_FLAGS } from '../create-client.js';
import type { CommandIO } from '../io.js';
import { USAGE } from '../usage.js';
import { resolveSyncConfig } from './sync-config.js';
import { runSyncToFiles } from './sync-run.js';

/**
 * The flags of `sync`.
 *
 * @example
 * parseFlags(['--out', 'data'], SYNC_FLAGS, 'sync'); // { out: 'data' }
 */
export const SYNC_FLAGS: FlagSpec = {
  out: 'string',
  state: 'string',
  streams: 'string',
  mode: 'string',
  'anchor-date': 'string',
  'custom-fields': 'string',
  concurrency: 'string',
  ...CLIENT_FLAGS,
  replication: 'string',
  'env-file': 'string',
  domain: 'string',
  'base-url': 'string',
  json: 'boolean',
  help: 'boolean',
};

/**
 * `pipedrive-extract sync`: checks every input, then syncs into JSON Lines files.
 *
 * @example
 * const code = await syncCommand(['--out', 'data', '--state', 'state.json'], io);
 */
export async function syncCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const flags = parseFlags(argv, SYNC_FLAGS, 'sync');
  if (flags['help']) {
    io.stdout.write(USAGE.sync);
    return 0;
  }
  const config = await resolveSyncConfig(flags, io);
  return (await runSyncToFiles(config, io)).exitCode;
}
