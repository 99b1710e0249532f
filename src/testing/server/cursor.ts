/**
 * v2 cursors: base64url JSON naming the first record of the next page, shaped like Pipedrive's own
 * (`{"field":"id","fieldValue":7,"sortDirection":"asc","id":7}` in the spec's examples).
 */

/**
 * What a cursor points at.
 *
 * @example
 * const position: CursorPosition = { field: 'id', fieldValue: 7, sortDirection: 'asc', id: 7 };
 */
export interface CursorPosition {
  /** The sort field. */
  field: string;
  /** The first record's value of the sort field. */
  fieldValue: number | string;
  /** `asc` or `desc`. */
  sortDirection: 'asc' | 'desc';
  /** The first record's id. */
  id: number | string;
}

/**
 * Encodes a position as an opaque cursor.
 *
 * @example
 * encodeCursor({ field: 'id', fieldValue: 7, sortDirection: 'asc', id: 7 }); // 'eyJmaWVsZCI6ImlkIi...'
 */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * Decodes a cursor, or undefined when it is not one of ours.
 *
 * @example
 * decodeCursor(encodeCursor(p)); // p
 */
export function decodeCursor(cursor: string): CursorPosition | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorPosition> | null;
    if (!value || typeof value.field !== 'string' || (value.sortDirection !== 'asc' && value.sortDirection !== 'desc')) return undefined;
    if (typeof value.fieldValue !== 'number' && typeof value.fieldValue !== 'string') return undefined;
    if (typeof value.id !== 'number' && typeof value.id !== 'string') return undefined;
    return { field: value.field, fieldValue: value.fieldValue, sortDirection: value.sortDirection, id: value.id };
  } catch {
    return undefined;
  }
}
