import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { EvidenceError } from 'src/evidence/evidence.errors';

/** Where evidence files live: outside the database, behind this small interface. */
export interface DocumentStorage {
  /** Fails with `storage-unavailable` when the storage cannot take the file. */
  put(key: string, data: Buffer): Promise<void>;
  /** Fails with `document-missing` before any byte is sent when the file is gone. */
  open(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
  /** Resolves when a file can be written and removed now (readiness). */
  check(): Promise<void>;
}

/** Errors of a folder that cannot take files now: permissions, a read-only or full disk. */
const UNWRITABLE = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'EIO',
  'ENOTDIR',
  'EEXIST',
]);

const unavailable = (error: unknown): never => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code && UNWRITABLE.has(code)) {
    throw new EvidenceError(
      'storage-unavailable',
      `Evidence storage cannot take files now (${code})`,
    );
  }
  throw error;
};

export const DOCUMENT_STORAGE = Symbol('DocumentStorage');

/** A local folder (EVIDENCE_DIR). Writes go to a temporary name first, so a crash leaves no half file. */
export class LocalFolderStorage implements DocumentStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    const temporary = `${path}.partial`;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temporary, data, { mode: 0o600 });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      unavailable(error);
    }
  }

  async open(key: string): Promise<Readable> {
    const handle = await open(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        throw new EvidenceError(
          'document-missing',
          `The stored file ${key} is missing from storage`,
        );
      }
      return unavailable(error);
    });
    return handle.createReadStream();
  }

  async check(): Promise<void> {
    const probe = join(this.root, '.ready-probe');
    try {
      await mkdir(this.root, { recursive: true });
      await writeFile(probe, '');
      await rm(probe);
    } catch (error) {
      unavailable(error);
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!/^[a-z_]+\/[0-9a-f-]{36}$/.test(key)) throw new Error(`Not a storage key: ${key}`);
    return join(this.root, key);
  }
}
