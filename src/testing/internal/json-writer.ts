/**
 * Writes JSON as UTF-8 bytes straight into a growing buffer. The fake serves big pages of records it derives from
 * random draws; writing them here, draw by draw, costs a fraction of building objects, `JSON.stringify` and UTF-8
 * encoding. The output is byte for byte what `JSON.stringify` gives (same escapes, same number forms).
 */
import { DAY_MS, isoDate } from './time.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX = '0123456789abcdef';
/** Short escapes `JSON.stringify` uses; other control characters become `\u00XX`. */
const SHORT_ESCAPES: Readonly<Record<number, number>> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72, 0x22: 0x22, 0x5c: 0x5c };

// A dataset spans a few thousand days: the digits of each are made once, indexed by day number.
const DATE_DIGITS: Array<Uint8Array | undefined> = new Array<Uint8Array | undefined>(1 << 16);

function dateDigits(ms: number): Uint8Array {
  const day = Math.floor(ms / DAY_MS);
  if (day < 0 || day >= DATE_DIGITS.length) return jsonBytes(isoDate(ms));
  let digits = DATE_DIGITS[day];
  if (digits === undefined) {
    digits = jsonBytes(isoDate(ms));
    DATE_DIGITS[day] = digits;
  }
  return digits;
}

/**
 * JSON text, encoded once: a string literal, a key, or any constant piece.
 *
 * @example
 * const euro = jsonBytes('"EUR"');
 */
export function jsonBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/**
 * The JSON string literal of `text`, encoded once.
 *
 * @example
 * jsonString('Tallinn'); // bytes of '"Tallinn"'
 */
export function jsonString(text: string): Uint8Array {
  return jsonBytes(JSON.stringify(text));
}

const stringLists = new WeakMap<readonly string[], readonly Uint8Array[]>();

/**
 * The JSON string literals of a list of strings, index for index, encoded once per list.
 *
 * @example
 * jsonStrings(['EUR', 'USD'])[1]; // bytes of '"USD"'
 */
export function jsonStrings(list: readonly string[]): readonly Uint8Array[] {
  let encoded = stringLists.get(list);
  if (!encoded) {
    encoded = list.map(jsonString);
    stringLists.set(list, encoded);
  }
  return encoded;
}

/**
 * Keys of one JSON object in the order they are written: the first opens the object (`{"id":`), each other
 * starts with its comma (`,"title":`).
 *
 * @example
 * const K = objectKeys(['id', 'title'] as const);
 * w.raw(K.id).num(1).raw(K.title).str('Deal').close(); // {"id":1,"title":"Deal"}
 */
export function objectKeys<const Names extends readonly string[]>(names: Names): Readonly<Record<Names[number], Uint8Array>> {
  const keys = {} as Record<Names[number], Uint8Array>;
  names.forEach((name, i) => {
    keys[name as Names[number]] = jsonBytes(`${i === 0 ? '{' : ','}${JSON.stringify(name)}:`);
  });
  return keys;
}

/**
 * A growing byte buffer with JSON value writers. Each method returns the writer, so a record reads as a chain.
 *
 * @example
 * const w = new JsonWriter();
 * w.raw(jsonBytes('{"id":')).num(7).close();
 * w.text(); // '{"id":7}'
 */
export class JsonWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(capacity = 1 << 16) {
    // Not from Node's shared pool: pages are big, and a page's bytes must not share memory with anything else.
    this.buf = Buffer.allocUnsafeSlow(capacity);
  }

  /** Size of the buffer (grows as needed). */
  get capacity(): number {
    return this.buf.length;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.pos;
  }

  /** Forgets what was written; keeps the buffer. */
  reset(): this {
    this.pos = 0;
    return this;
  }

  /** A copy of the bytes written. */
  bytes(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.buf.subarray(0, this.pos));
  }

  /** The bytes written, without copying (valid until the writer is reset). */
  view(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.buf.buffer as ArrayBuffer, this.buf.byteOffset, this.pos);
  }

  /** The bytes written, as a string. */
  text(): string {
    return this.buf.toString('utf8', 0, this.pos);
  }

  /** Copies constant bytes (keys, pre-encoded strings). */
  raw(bytes: Uint8Array): this {
    const n = bytes.length;
    this.reserve(n);
    const buf = this.buf;
    let p = this.pos;
    if (n > 12) buf.set(bytes, p);
    else for (let i = 0; i < n; i++) buf[p + i] = bytes[i] as number;
    this.pos = p + n;
    return this;
  }

  /** Text that already is JSON (from `JSON.stringify`), UTF-8 encoded. */
  json(text: string): this {
    this.reserve(text.length * 3);
    this.pos += this.buf.write(text, this.pos, 'utf8');
    return this;
  }

  /** One ASCII byte: a bracket, a comma. */
  byte(code: number): this {
    this.reserve(1);
    this.buf[this.pos++] = code;
    return this;
  }

  /** `}`. */
  close(): this {
    return this.byte(0x7d);
  }

  /** `null`. */
  nul(): this {
    this.reserve(4);
    const buf = this.buf;
    const p = this.pos;
    buf[p] = 0x6e;
    buf[p + 1] = 0x75;
    buf[p + 2] = 0x6c;
    buf[p + 3] = 0x6c;
    this.pos = p + 4;
    return this;
  }

  /** `true` or `false`. */
  bool(value: boolean): this {
    return this.ascii(value ? 'true' : 'false');
  }

  /** A number, as `JSON.stringify` writes it (integers digit by digit, others through `String`). */
  num(value: number): this {
    if (value === (value | 0)) return this.int(value);
    return this.ascii(Number.isFinite(value) ? String(value) : 'null');
  }

  /** A number, or `null`. */
  numOrNull(value: number | null): this {
    return value === null ? this.nul() : this.num(value);
  }

  /** A string literal: quoted, escaped and UTF-8 encoded as `JSON.stringify` does. */
  str(value: string): this {
    const n = value.length;
    // Worst case: every UTF-16 unit as a 6-byte escape, plus the quotes.
    this.reserve(n * 6 + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x20 && c < 0x80) {
        if (c === QUOTE || c === BACKSLASH) buf[p++] = BACKSLASH;
        buf[p++] = c;
      } else if (c < 0x20) {
        p = this.escape(p, c);
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < n ? value.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          buf[p++] = 0xf0 | (cp >> 18);
          buf[p++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[p++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[p++] = 0x80 | (cp & 0x3f);
          i++;
        } else {
          p = this.escape(p, c); // a lone surrogate, escaped like JSON.stringify does
        }
      } else {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      }
    }
    buf[p++] = QUOTE;
    this.pos = p;
    return this;
  }

  /** A string literal, or `null`. */
  strOrNull(value: string | null): this {
    return value === null ? this.nul() : this.str(value);
  }

  /** `"YYYY-MM-DD"` of a time in ms. */
  date(ms: number): this {
    this.reserve(12);
    const p = this.pos;
    this.openDate(p, ms);
    this.buf[p + 11] = QUOTE;
    this.pos = p + 12;
    return this;
  }

  /** `"YYYY-MM-DD"`, or `null`. */
  dateOrNull(ms: number | null): this {
    return ms === null ? this.nul() : this.date(ms);
  }

  /** `"YYYY-MM-DDTHH:MM:SSZ"` (the v2 timestamp form) of a time in ms. */
  time(ms: number): this {
    this.reserve(22);
    const buf = this.buf;
    const p = this.pos;
    const seconds = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / 1000);
    const h = (seconds / 3600) | 0;
    const m = ((seconds / 60) | 0) % 60;
    const sec = seconds % 60;
    this.openDate(p, ms);
    buf[p + 11] = 0x54; // T
    buf[p + 12] = 0x30 + ((h / 10) | 0);
    buf[p + 13] = 0x30 + (h % 10);
    buf[p + 14] = 0x3a;
    buf[p + 15] = 0x30 + ((m / 10) | 0);
    buf[p + 16] = 0x30 + (m % 10);
    buf[p + 17] = 0x3a;
    buf[p + 18] = 0x30 + ((sec / 10) | 0);
    buf[p + 19] = 0x30 + (sec % 10);
    buf[p + 20] = 0x5a; // Z
    buf[p + 21] = QUOTE;
    this.pos = p + 22;
    return this;
  }

  /** A v2 timestamp, or `null`. */
  timeOrNull(ms: number | null): this {
    return ms === null ? this.nul() : this.time(ms);
  }

  /** `[1,2,3]`. */
  ints(values: readonly number[]): this {
    this.byte(0x5b);
    for (let i = 0; i < values.length; i++) {
      if (i > 0) this.byte(0x2c);
      this.num(values[i] as number);
    }
    return this.byte(0x5d);
  }

  /** Text known to be ASCII that needs no escaping (digits, dates, literals). */
  ascii(text: string): this {
    const n = text.length;
    this.reserve(n);
    const buf = this.buf;
    const p = this.pos;
    for (let i = 0; i < n; i++) buf[p + i] = text.charCodeAt(i);
    this.pos = p + n;
    return this;
  }

  /** A 32-bit integer, digit by digit (`-0` as `0`, as `JSON.stringify` writes it). */
  private int(value: number): this {
    this.reserve(11);
    const buf = this.buf;
    let p = this.pos;
    let n = value;
    if (n < 0) {
      buf[p++] = 0x2d;
      n = -n;
    }
    if (n < 10) {
      buf[p] = 0x30 + n;
      this.pos = p + 1;
      return this;
    }
    let digits = 2;
    for (let limit = 100; n >= limit && digits < 10; limit *= 10) digits++;
    p += digits;
    this.pos = p;
    do {
      const rest = (n / 10) | 0;
      buf[--p] = 0x30 + n - rest * 10;
      n = rest;
    } while (n > 0);
    return this;
  }

  /** `"YYYY-MM-DD` (the opening quote and the date) at `p`; room was reserved by the caller. */
  private openDate(p: number, ms: number): void {
    const buf = this.buf;
    const digits = dateDigits(ms);
    buf[p] = QUOTE;
    for (let i = 0; i < 10; i++) buf[p + 1 + i] = digits[i] as number;
  }

  private escape(at: number, code: number): number {
    const buf = this.buf;
    let p = at;
    buf[p++] = BACKSLASH;
    const short = SHORT_ESCAPES[code];
    if (short !== undefined) {
      buf[p++] = short;
      return p;
    }
    buf[p++] = 0x75;
    for (let shift = 12; shift >= 0; shift -= 4) buf[p++] = HEX.charCodeAt((code >> shift) & 0xf);
    return p;
  }

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
}

/**
 * Writers whose buffers are used again once what they wrote has been sent. Fresh megabyte buffers cost page
 * faults and garbage collection on every page; a handful of recycled ones cost nothing.
 *
 * @example
 * const pool = new WriterPool();
 * const w = pool.take();
 * socket.end(w.view(), () => pool.give(w));
 */
export class WriterPool {
  private readonly free: JsonWriter[] = [];

  /**
   * @param keep - most writers kept for reuse
   * @param maxBytes - a writer that grew bigger than this is left to the garbage collector
   */
  constructor(
    private readonly keep = 8,
    private readonly maxBytes = 16 << 20,
  ) {}

  /** A writer, empty. */
  take(): JsonWriter {
    return this.free.pop()?.reset() ?? new JsonWriter(1 << 20);
  }

  /** Hands a writer back: nothing may read what it wrote any more. */
  give(writer: JsonWriter): void {
    if (this.free.length < this.keep && writer.capacity <= this.maxBytes && !this.free.includes(writer)) this.free.push(writer.reset());
  }
}
