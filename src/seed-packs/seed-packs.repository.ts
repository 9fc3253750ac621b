import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ImportedPack } from 'src/seed-packs/entities/imported-pack.entity';

@Injectable()
export class SeedPacksRepository {
  /** One pack loads at a time, whichever instance or admin asks: held until the transaction ends. */
  async lockLoading(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('guildhall:seed-pack'))`);
  }

  /** Keeps an imported pack under its name, as loaded now (the one kept before is replaced). */
  async keepImported(
    manager: EntityManager,
    pack: { name: string; description: string },
    importedByAccountId: string | null,
  ): Promise<void> {
    await manager.upsert(
      ImportedPack,
      {
        name: pack.name,
        description: pack.description,
        pack,
        importedAt: new Date(),
        importedByAccountId,
      },
      ['name'],
    );
  }

  importedPacks(manager: EntityManager): Promise<ImportedPack[]> {
    return manager.find(ImportedPack, { order: { name: 'ASC' } });
  }

  importedPack(manager: EntityManager, name: string): Promise<ImportedPack | null> {
    return manager.findOneBy(ImportedPack, { name });
  }
}
