/** Longest slug before a collision suffix is added, so names fit 63-character identifiers (Postgres). */
const MAX_SLUG_LENGTH = 60;

/** Latin letters that Unicode does not decompose into a base letter and a mark. */
const LETTERS: Readonly<Record<string, string>> = Object.freeze({ ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' });

/**
 * Turns a field's display name into a snake_case column name. The rules, in order:
 * 1. Unicode NFKD, then combining marks are dropped (`Café` -> `cafe`), and `ß æ œ ø đ ð ł þ ı` become
 *    `ss ae oe o d d l th i`;
 * 2. lower case;
 * 3. every run of characters other than `a-z` and `0-9` becomes one `_`;
 * 4. leading and trailing `_` are trimmed, and the slug is cut to 60 characters;
 * 5. a slug starting with a digit gets a `_` prefix (`2nd phone` -> `_2nd_phone`);
 * 6. a name with nothing left (`!!!`, or a script without Latin letters) becomes `field_` plus the first
 *    8 characters of the field key.
 *
 * @example
 * slugifyFieldName('Deal source'); // 'deal_source'
 * slugifyFieldName('Größe (cm)'); // 'grosse_cm'
 * slugifyFieldName('Источник', 'dcf558aac1ae4e8c4f849ba5e668430d8df9be12'); // 'field_dcf558aa'
 */
export function slugifyFieldName(name: string, key = ''): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (letter) => LETTERS[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/_+$/, '');
  if (slug === '') return `field_${key.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 8) || 'unnamed'}`;
  return /^[0-9]/.test(slug) ? `_${slug}` : slug;
}
