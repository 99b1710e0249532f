import { Pipedrive } from '../../client.js';
import { parseFlags } from '../args.js';
import type { CommandIO } from '../io.js';
import { formatTable } from '../progress/format.js';
import { USAGE } from '../usage.js';

/**
 * `pipedrive-extract streams`: the catalog, as a table or one JSON object per line.
 *
 * @example
 * await streamsCommand(['--json'], io);
 */
export async function streamsCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const flags = parseFlags(argv, { json: 'boolean', help: 'boolean' }, 'streams');
  if (flags['help']) {
    io.stdout.write(USAGE.streams);
    return 0;
  }
  if (flags['json']) {
    for (const stream of Pipedrive.streams) io.stdout.write(`${JSON.stringify(stream)}\n`);
    return 0;
  }
  const rows = [['stream', 'incremental', 'primary key', 'cursor', 'pages', 'tokens', 'endpoints']];
  for (const s of Pipedrive.streams) {
    rows.push([s.name, s.incrementalStrategy ?? 'full refresh', s.primaryKey, s.cursorField ?? '-', s.pagination, s.tokenCosts.join('/'), s.endpoints.join(', ')]);
  }
  io.stdout.write(`${formatTable(rows, ['left', 'left', 'left', 'left', 'left', 'right', 'left'])}\n`);
  return 0;
}
