import type { Writer } from './io.js';

/**
 * Wraps a writer so that none of `secrets` ever reaches it: each occurrence becomes `***`. The CLI never
 * prints a token on purpose; this is the last line of defence.
 *
 * @example
 * const stderr = redactingWriter(process.stderr, () => [token]);
 * stderr.write(`token ${token}`); // writes "token ***"
 */
export function redactingWriter(writer: Writer, secrets: () => readonly string[]): Writer {
  return {
    get isTTY() {
      return writer.isTTY;
    },
    get columns() {
      return writer.columns;
    },
    get rows() {
      return writer.rows;
    },
    write(chunk: string) {
      let text = chunk;
      for (const secret of secrets()) if (secret.length >= 4) text = text.split(secret).join('***');
      return writer.write(text);
    },
  };
}
