import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where stored files live: by content hash, so the same bytes are kept once. */
export interface TFileStore {
  /** Stores the bytes (once per content) and answers their SHA-256 and size. */
  put: (bytes: Buffer) => Promise<{ sha256: string; size: number }>;
  /** Streams stored bytes back; throws when the content is not in the store. */
  open: (sha256: string) => Promise<ReadStream>;
  /** Every stored content, with when it was last stored. */
  list: () => Promise<{ sha256: string; storedAt: Date }[]>;
  /** Removes a stored content (and temp files left by a crash, by their own names). */
  remove: (name: string) => Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The SHA-256 of some bytes, as lowercase hex. */
export function hashBytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A content-addressed store on local disk: `<dataDir>/files/<first 2 hex>/<sha256>`. */
export function createFileStore(dataDir: string): TFileStore {
  const root = path.join(dataDir, 'files');
  const pathOf = (sha256: string) => {
    // The hash names the path: anything else could climb out of the store.
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  const exists = async (file: string, size: number) => {
    try {
      return (await stat(file)).size === size;
    } catch {
      return false;
    }
  };
  return {
    async put(bytes) {
      const sha256 = hashBytes(bytes);
      const file = pathOf(sha256);
      if (await exists(file, bytes.length)) {
        // Stored again now: the orphan sweep judges a file by this time, and must not take it from this upload.
        const now = new Date();
        await utimes(file, now, now);
        return { sha256, size: bytes.length };
      }
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed into place, so a reader never sees half a file and a crash leaves only a temp file.
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temp, bytes, { flag: 'wx', flush: true });
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { sha256, size: bytes.length };
    },
    async open(sha256) {
      const file = pathOf(sha256);
      await stat(file);
      return createReadStream(file);
    },
    async list() {
      const out: { sha256: string; storedAt: Date }[] = [];
      let dirs: string[];
      try {
        dirs = await readdir(root);
      } catch {
        return out;
      }
      for (const dir of dirs) {
        if (!/^[0-9a-f]{2}$/.test(dir)) continue;
        for (const name of await readdir(path.join(root, dir))) {
          const info = await stat(path.join(root, dir, name)).catch(() => null);
          if (info?.isFile()) out.push({ sha256: name, storedAt: info.mtime });
        }
      }
      return out;
    },
    async remove(name) {
      const sha256 = name.split('.')[0] ?? '';
      await rm(path.join(path.dirname(pathOf(sha256)), path.basename(name)), { force: true });
    },
  };
}
