import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Chapter } from 'src/chapters/entities/chapter.entity';

const CHAPTER_TREE_LOCK = 'guildhall:chapter-tree';

/** Queries of chapters, named. */
@Injectable()
export class ChaptersRepository {
  listByCode(manager: EntityManager): Promise<Chapter[]> {
    return manager.find(Chapter, { order: { code: 'ASC' } });
  }

  find(manager: EntityManager, id: string): Promise<Chapter | null> {
    return manager.findOneBy(Chapter, { id });
  }

  insert(
    manager: EntityManager,
    values: Pick<Chapter, 'code' | 'name' | 'parentId'>,
  ): Promise<Chapter> {
    return manager.save(manager.create(Chapter, values));
  }

  /** The chapter, locked until the caller's transaction ends: changes to one chapter queue. */
  lockForChange(manager: EntityManager, id: string): Promise<Chapter | null> {
    return manager.findOne(Chapter, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Changes to the tree of chapters run one after another, so two moves made at once cannot
   * close a loop that neither makes alone.
   */
  async lockTree(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [CHAPTER_TREE_LOCK]);
  }

  /** Whether `candidate` is `id` or lies under it, so it cannot become its parent. */
  async isWithin(manager: EntityManager, candidate: string, id: string): Promise<boolean> {
    const [row] = await manager.query<{ within: boolean }[]>(
      `WITH RECURSIVE above (id, parent_id) AS (
         SELECT id, parent_id FROM chapters WHERE id = $1
         UNION
         SELECT c.id, c.parent_id FROM chapters c JOIN above a ON c.id = a.parent_id
       )
       SELECT EXISTS (SELECT 1 FROM above WHERE id = $2) AS within`,
      [candidate, id],
    );
    return row.within;
  }

  async update(
    manager: EntityManager,
    id: string,
    values: Partial<Pick<Chapter, 'name' | 'parentId'>>,
  ): Promise<Chapter> {
    await manager.update(Chapter, { id }, values);
    return manager.findOneByOrFail(Chapter, { id });
  }
}
