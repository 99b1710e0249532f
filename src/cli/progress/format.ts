/**
 * A count with thousands separators.
 *
 * @example
 * formatCount(12345); // '12,345'
 */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/**
 * A duration in seconds with one decimal (minutes past 100 s).
 *
 * @example
 * formatDuration(1234); // '1.2s'
 */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 100) return `${seconds.toFixed(1)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

/**
 * Left-aligned text columns and right-aligned numbers, joined by two spaces.
 *
 * @example
 * formatTable([['stream', 'records'], ['deals', '12']], ['left', 'right']);
 */
export function formatTable(rows: readonly (readonly string[])[], align: readonly ('left' | 'right')[]): string {
  const widths = align.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (align[column] === 'right' ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * The error of a stream as a short, single-line text.
 *
 * @example
 * errorText(new Error('boom')); // 'Error: boom'
 */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message.replace(/\s*\n\s*/g, ' ')}`;
}
