import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Chapter } from 'src/chapters/entities/chapter.entity';

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
}
