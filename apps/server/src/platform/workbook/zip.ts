import { inflateRawSync } from 'node:zlib';

/** What a workbook's zip may hold: bounds checked before anything is inflated past them. */
export interface TZipLimits {
  /** Entries in the archive. */
  maxEntries: number;
  /** Bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Bytes all entries together may inflate to. */
  maxTotalBytes: number;
}

/** A file that is not a zip this reader takes, or one whose content passes the limits. */
export class ZipRefusal extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The end-of-central-directory record: searched from the end, past a comment of at most 64 KiB. */
function findEnd(file: Buffer): number {
  const stop = Math.max(0, file.length - 22 - 0xffff);
  for (let at = file.length - 22; at >= stop; at--) {
    if (file.readUInt32LE(at) === EOCD) return at;
  }
  throw new ZipRefusal('not a zip archive');
}

/**
 * The entries of a zip archive (an .xlsx), each inflated with a hard ceiling on its output: the sizes an archive
 * declares are only trusted to refuse early, never to allocate, so a small file that inflates to gigabytes is refused
 * after inflating at most `maxEntryBytes`. Encrypted, ZIP64 and multi-disk archives are refused.
 */
export function readZipEntries(file: Buffer, limits: TZipLimits): Map<string, Buffer> {
  if (file.length < 22) throw new ZipRefusal('not a zip archive');
  const end = findEnd(file);
  const count = file.readUInt16LE(end + 10);
  const directoryOffset = file.readUInt32LE(end + 16);
  if (file.readUInt16LE(end + 4) !== 0 || count === 0xffff || directoryOffset === 0xffffffff) {
    throw new ZipRefusal('multi-disk and ZIP64 archives are not workbooks this reader takes');
  }
  if (count > limits.maxEntries) throw new ZipRefusal(`the archive holds ${count} entries, more than a workbook needs`);
  const entries = new Map<string, Buffer>();
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== CENTRAL) throw new ZipRefusal('a damaged zip directory');
    const flags = file.readUInt16LE(at + 8);
    const method = file.readUInt16LE(at + 10);
    const compressedSize = file.readUInt32LE(at + 20);
    const declaredSize = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    const localOffset = file.readUInt32LE(at + 42);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) throw new ZipRefusal('an encrypted workbook');
    if (name.endsWith('/')) continue;
    if (declaredSize > limits.maxEntryBytes) throw new ZipRefusal(`the part ${name} is too large`);
    if (localOffset + 30 > file.length || file.readUInt32LE(localOffset) !== LOCAL) {
      throw new ZipRefusal('a damaged zip entry');
    }
    const dataStart = localOffset + 30 + file.readUInt16LE(localOffset + 26) + file.readUInt16LE(localOffset + 28);
    const data = file.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) throw new ZipRefusal('a truncated zip entry');
    let content: Buffer;
    if (method === 0) {
      content = data;
    } else if (method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: limits.maxEntryBytes });
      } catch (error) {
        if (error instanceof RangeError) throw new ZipRefusal(`the part ${name} is too large`);
        throw new ZipRefusal(`the part ${name} is damaged`);
      }
    } else {
      throw new ZipRefusal(`the part ${name} uses an unknown compression`);
    }
    total += content.length;
    if (total > limits.maxTotalBytes) throw new ZipRefusal('the workbook is too large');
    entries.set(name, content);
  }
  return entries;
}
