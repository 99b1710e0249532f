/**
 * Replaces every occurrence of each secret in `text` with `[REDACTED]`.
 * Secrets shorter than 4 characters are ignored (they would mangle ordinary words).
 *
 * @example
 * redact('bad token abc123', ['abc123']); // 'bad token [REDACTED]'
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  return out;
}
