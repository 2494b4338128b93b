import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';

/**
 * A Duban backup is one gzip'd tar file (readable with `tar tzf`), written in this order:
 *   duban-backup.json             who made it: format, app version, creation time
 *   db/<schema>.<table>/<n>.copy  the table's rows in PostgreSQL's COPY text format, cut into parts of at most
 *                                 PART_BYTES (a tar entry states its size up front, and a part is held in memory
 *                                 until written, so memory stays bounded whatever the table's size)
 *   files/<sha256>                every stored file the database names
 *   manifest.json                 the migration level, each table's columns, rows, bytes and SHA-256, the sequences,
 *                                 the files and their sizes (last, as the counts are known only once all is written)
 * A standard format keeps a backup readable without Duban; the tar is written here (its 512-byte header is simple) and
 * read with tar-stream, which checks every header and notices a cut-off archive.
 */
export const ARCHIVE_FORMAT = 1;
export const HEADER_ENTRY = 'duban-backup.json';
export const MANIFEST_ENTRY = 'manifest.json';
export const PART_BYTES = 8 * 1024 * 1024;

export interface TArchiveHeader {
  kind: 'duban-backup';
  format: number;
  appVersion: string;
  createdAt: string;
}

export interface TTableManifest {
  schema: string;
  name: string;
  /** The columns in the order of the COPY data (generated columns are left out: the database computes them). */
  columns: string[];
  rows: number;
  bytes: number;
  parts: number;
  /** SHA-256 of the table's whole COPY text, all parts in order. */
  sha256: string;
}

export interface TManifest extends TArchiveHeader {
  /** When the snapshot was taken, by the database's clock. */
  snapshotAt: string;
  serverVersion: string;
  /** How many migrations the database had applied, and the newest one's tag and timestamp. */
  migrations: { level: number; latestTag: string | null; latestWhen: number | null };
  tables: TTableManifest[];
  sequences: { schema: string; name: string; lastValue: string; isCalled: boolean }[];
  files: { sha256: string; size: number }[];
  totals: { tables: number; rows: number; files: number; dataBytes: number };
}

/** The name of a table's n-th part (from 0). */
export function partName(schema: string, table: string, part: number): string {
  return `db/${schema}.${table}/${String(part).padStart(5, '0')}.copy`;
}

/** The schema and table a part entry belongs to, or null for another entry. */
export function tableOfPart(name: string): { key: string } | null {
  const match = /^db\/([^/]+)\/\d{5}\.copy$/.exec(name);
  return match?.[1] ? { key: match[1] } : null;
}

/** `schema.table`, as part names and manifest lookups spell it. */
export function tableKey(t: { schema: string; name: string }): string {
  return `${t.schema}.${t.name}`;
}

const BLOCK = 512;

function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}

/** A ustar header of a regular file. */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`archive entry name too long: ${name}`);
  if (size >= 8 ** 11) throw new Error(`archive entry too large (${size} bytes): ${name}`);
  const header = Buffer.alloc(BLOCK);
  header.write(name, 0, 100, 'utf8');
  writeOctal(header, 0o644, 100, 8);
  writeOctal(header, 0, 108, 8);
  writeOctal(header, 0, 116, 8);
  writeOctal(header, size, 124, 12);
  writeOctal(header, Math.floor(mtime.getTime() / 1000), 136, 12);
  header.fill(' ', 148, 156);
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return header;
}

/** The zeros that bring an entry of this size to a whole block. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** The two zero blocks that end a tar. */
export const TAR_END = Buffer.alloc(2 * BLOCK);

/** An entry held in memory (as one buffer or the chunks it was read in), as tar blocks. */
export function* tarEntry(name: string, data: Buffer | Buffer[], mtime: Date): Generator<Buffer> {
  const chunks = Array.isArray(data) ? data : [data];
  const size = chunks.reduce((n, c) => n + c.length, 0);
  yield tarHeader(name, size, mtime);
  yield* chunks;
  yield tarPadding(size);
}

export interface TArchiveEntry {
  name: string;
  size: number;
  /** The entry's bytes: read them all before asking for the next entry. */
  body: AsyncIterable<Buffer>;
}

/** Raised for an archive that cannot be read to its end as a Duban backup. */
export class ArchiveError extends Error {}

/** Reads a backup's entries in order; a damaged or cut-off archive throws an ArchiveError saying so. */
export async function* readArchive(file: string): AsyncGenerator<TArchiveEntry> {
  const extract = tar.extract();
  const reading = pipeline(createReadStream(file), createGunzip(), extract);
  let failure: unknown = null;
  reading.catch((error: unknown) => {
    failure = error;
  });
  const explain = (error: unknown): Error => {
    const reason = (failure ?? error) as Error;
    if (reason instanceof ArchiveError) return reason;
    const code = (reason as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') return reason;
    return new ArchiveError(`${file} is damaged or cut off (${reason.message})`);
  };
  // A read error shows where the bytes are being read: in an entry's body, or between entries.
  async function* body(entry: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    try {
      yield* entry;
    } catch (error) {
      throw explain(error);
    }
  }
  try {
    for await (const entry of extract) {
      yield { name: entry.header.name, size: entry.header.size ?? 0, body: body(entry as AsyncIterable<Buffer>) };
    }
    await reading;
  } catch (error) {
    throw explain(error);
  }
}

/** Reads a whole small entry. */
export async function readAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Counts the rows of COPY text: one line each (a newline inside a value is written as \n). */
export function countLines(chunk: Buffer): number {
  let n = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) n++;
  return n;
}

/** Session settings under which COPY text is written and compared: the same text on every server. */
export const COPY_SETTINGS = [
  "set client_encoding to 'UTF8'",
  "set timezone to 'UTC'",
  "set datestyle to 'ISO, YMD'",
  "set intervalstyle to 'postgres'",
  'set extra_float_digits to 3',
];

/** A name quoted as an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
