import { parse, YAMLParseError } from 'yaml';
import { UsageError } from '../usage-error.js';

/**
 * Parses YAML (or JSON) text. A syntax error becomes a {@link UsageError} naming `where` and the line;
 * with `secret: true` the message never quotes the text (it may hold a token).
 *
 * @example
 * parseYamlText('mode: incremental', 'replication.yaml', { secret: false }); // { mode: 'incremental' }
 */
export function parseYamlText(text: string, where: string, { secret }: { secret: boolean }): unknown {
  try {
    return parse(text, { uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = error.linePos?.[0]?.line;
      const at = line === undefined ? '' : ` at line ${line}`;
      const detail = secret ? '' : `: ${error.message.split(/ at line |:\n/)[0]}`;
      throw new UsageError(`${where} is not valid YAML${at}${detail}.`);
    }
    throw new UsageError(`${where} could not be parsed${secret ? '' : `: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`}.`);
  }
}

/**
 * True for a plain object (a YAML mapping).
 *
 * @example
 * isMapping({ a: 1 }); // true
 */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
