import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

@Injectable()
export class SeedPacksRepository {
  /** One pack loads at a time, whichever instance or admin asks: held until the transaction ends. */
  async lockLoading(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('guildhall:seed-pack'))`);
  }
}
