import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';

/** Where evidence files live: outside the database, behind this small interface. */
export interface DocumentStorage {
  put(key: string, data: Buffer): Promise<void>;
  open(key: string): Readable;
  remove(key: string): Promise<void>;
}

export const DOCUMENT_STORAGE = Symbol('DocumentStorage');

/** A local folder (EVIDENCE_DIR). Writes go to a temporary name first, so a crash leaves no half file. */
export class LocalFolderStorage implements DocumentStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.partial`;
    await writeFile(temporary, data, { mode: 0o600 });
    await rename(temporary, path);
  }

  open(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!/^[a-z_]+\/[0-9a-f-]{36}$/.test(key)) throw new Error(`Not a storage key: ${key}`);
    return join(this.root, key);
  }
}
