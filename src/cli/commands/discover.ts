import { resolve } from 'node:path';
import type { DiscoveredColumn } from '../../custom-fields/discover.js';
import { parseFlags, stringFlag } from '../args.js';
import { resolveCredentials } from '../config/credentials.js';
import { readEnvFile } from '../config/env-file.js';
import { matchStreams, splitStreamList } from '../config/stream-plan.js';
import { CLIENT_FLAGS, createClient, readClientSettings } from '../create-client.js';
import type { CommandIO } from '../io.js';
import { readStateFile } from '../output/state-file.js';
import { formatTable } from '../progress/format.js';
import { USAGE } from '../usage.js';

function optionsText(column: DiscoveredColumn): string {
  if (!column.options) return '';
  const labels = column.options.map((o) => o.label);
  return labels.length > 6 ? `${labels.slice(0, 6).join(', ')}, … (${labels.length})` : labels.join(', ');
}

/**
 * `pipedrive-extract discover`: the columns of each stream (built-in and the account's custom fields, named
 * as `--custom-fields named` names them), from `pd.discover()`.
 *
 * @example
 * await discoverCommand(['--streams', 'deals', '--json'], io);
 */
export async function discoverCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const flags = parseFlags(
    argv,
    { streams: 'string', state: 'string', 'env-file': 'string', domain: 'string', 'base-url': 'string', ...CLIENT_FLAGS, json: 'boolean', help: 'boolean' },
    'discover',
  );
  if (flags['help']) {
    io.stdout.write(USAGE.discover);
    return 0;
  }
  const cwd = io.cwd ?? process.cwd();
  const streamsText = stringFlag(flags, 'streams');
  const wanted = streamsText === undefined ? undefined : new Set(splitStreamList(streamsText).flatMap((p) => matchStreams(p)));
  const envFilePath = stringFlag(flags, 'env-file');
  const envFile = envFilePath === undefined ? undefined : await readEnvFile(resolve(cwd, envFilePath));
  const baseUrl = stringFlag(flags, 'base-url');
  const domain = stringFlag(flags, 'domain');
  const credentials = resolveCredentials({
    env: io.env,
    connectionName: 'PIPEDRIVE',
    ...(envFile ? { envFile } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(domain !== undefined ? { domain } : {}),
  });
  io.secrets.push(credentials.apiToken);
  const statePath = stringFlag(flags, 'state');
  const state = statePath === undefined ? undefined : await readStateFile(resolve(cwd, statePath));
  const pd = createClient(credentials, readClientSettings(flags));
  const streams = (await pd.discover({ ...(state?.customFieldNames ? { customFieldNames: state.customFieldNames } : {}), ...(io.signal ? { signal: io.signal } : {}) })).filter(
    (s) => !wanted || wanted.has(s.name),
  );
  if (flags['json']) {
    for (const stream of streams) io.stdout.write(`${JSON.stringify(stream)}\n`);
    return 0;
  }
  for (const stream of streams) {
    const custom = stream.columns.filter((c) => c.origin === 'custom').length;
    io.stdout.write(
      `${stream.name}: primary key ${stream.primaryKey}, cursor ${stream.cursorField ?? '-'}, ${stream.columns.length} columns` +
        `${stream.customFields ? `, ${custom} custom fields (from ${stream.customFields.catalog})` : ''}\n`,
    );
    const rows = [['  column', 'type', 'origin', 'field type', 'label', 'options']];
    for (const c of stream.columns) rows.push([`  ${c.name}`, c.type, c.origin, c.fieldType ?? '', c.label ?? '', optionsText(c)]);
    io.stdout.write(`${formatTable(rows, ['left', 'left', 'left', 'left', 'left', 'left'])}\n\n`);
  }
  return 0;
}
