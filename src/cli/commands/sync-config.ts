import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { SyncMode } from '../../incremental/messages.js';
import type { SyncState } from '../../incremental/state.js';
import { choiceFlag, numberFlag, stringFlag, type Flags } from '../args.js';
import { resolveCredentials, type Credentials } from '../config/credentials.js';
import { readEnvFile } from '../config/env-file.js';
import { readReplication, type Replication } from '../config/replication.js';
import { planStreams, splitStreamList, type PlannedStream } from '../config/stream-plan.js';
import type { CommandIO } from '../io.js';
import { readStateFile } from '../output/state-file.js';
import { readClientSettings, type ClientSettings } from '../create-client.js';
import { UsageError } from '../usage-error.js';

/**
 * A sync run with every input read and checked; nothing has been written yet.
 *
 * @example
 * const config = await resolveSyncConfig({ out: 'data' }, io);
 */
export interface SyncConfig {
  credentials: Credentials;
  plan: PlannedStream[];
  /** Absolute output folder. */
  out: string;
  /** Absolute state file, when `--state` was given. */
  statePath?: string;
  /** The state read from it (undefined on a first run). */
  state?: SyncState;
  anchorDate?: string;
  customFields?: 'raw' | 'named';
  concurrency?: number;
  /** Rate, daily token budget, retries and timeout of the client. */
  client: ClientSettings;
  json: boolean;
  replication?: Replication;
  /** Shows a path relative to the working directory when it is inside it. */
  display(path: string): string;
}

/**
 * The default output folder of `sync`.
 *
 * @example
 * resolve(cwd, flags.out ?? DEFAULT_OUT); // ./pipedrive-data
 */
export const DEFAULT_OUT = 'pipedrive-data';

/**
 * Reads and checks every input of `sync` (env file, replication file, state file, credentials, flags)
 * before anything is written. Any problem is a {@link UsageError} or the library's ConfigError (exit 2).
 *
 * @example
 * const config = await resolveSyncConfig(flags, io);
 */
export async function resolveSyncConfig(flags: Flags, io: CommandIO): Promise<SyncConfig> {
  const cwd = io.cwd ?? process.cwd();
  const display = (path: string) => {
    const rel = relative(cwd, path);
    return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
  };
  const json = flags['json'] === true;
  const mode = choiceFlag<SyncMode>(flags, 'mode', ['incremental', 'full-refresh']);
  const customFields = choiceFlag<'raw' | 'named'>(flags, 'custom-fields', ['raw', 'named']);
  const concurrency = numberFlag(flags, 'concurrency', { min: 1, integer: true });
  const client = readClientSettings(flags);
  const streamsText = stringFlag(flags, 'streams');
  const envFilePath = stringFlag(flags, 'env-file');
  const replicationPath = stringFlag(flags, 'replication');
  const envFile = envFilePath === undefined ? undefined : await readEnvFile(resolve(cwd, envFilePath));
  const replication = replicationPath === undefined ? undefined : await readReplication(resolve(cwd, replicationPath));
  const plan = planStreams({ ...(replication ? { replication } : {}), ...(streamsText !== undefined ? { streams: splitStreamList(streamsText) } : {}), ...(mode ? { mode } : {}) });
  const baseUrl = stringFlag(flags, 'base-url');
  const domain = stringFlag(flags, 'domain');
  const credentials = resolveCredentials({
    env: io.env,
    ...(envFile ? { envFile } : {}),
    connectionName: replication?.source ?? 'PIPEDRIVE',
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(domain !== undefined ? { domain } : {}),
  });
  io.secrets.push(credentials.apiToken);
  const out = resolve(cwd, stringFlag(flags, 'out') ?? DEFAULT_OUT);
  const outInfo = await stat(out).catch(() => undefined);
  if (outInfo && !outInfo.isDirectory()) throw new UsageError(`--out ${display(out)} exists and is not a folder.`);
  const stateText = stringFlag(flags, 'state');
  const statePath = stateText === undefined ? undefined : resolve(cwd, stateText);
  const state = statePath === undefined ? undefined : await readStateFile(statePath);
  const anchorDate = stringFlag(flags, 'anchor-date') ?? credentials.anchorDate;
  return {
    credentials,
    plan,
    out,
    json,
    display,
    client,
    ...(statePath !== undefined ? { statePath } : {}),
    ...(state !== undefined ? { state } : {}),
    ...(anchorDate !== undefined ? { anchorDate } : {}),
    ...(customFields !== undefined ? { customFields } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(replication ? { replication } : {}),
  };
}
