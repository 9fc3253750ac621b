import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MembershipCategory } from 'src/membership/entities/membership-category.entity';

/** Queries of membership categories, named. */
@Injectable()
export class MembershipCategoriesRepository {
  listByCode(manager: EntityManager): Promise<MembershipCategory[]> {
    return manager.find(MembershipCategory, { order: { code: 'ASC' } });
  }

  find(manager: EntityManager, id: string): Promise<MembershipCategory | null> {
    return manager.findOneBy(MembershipCategory, { id });
  }

  insert(manager: EntityManager, values: Partial<MembershipCategory>): Promise<MembershipCategory> {
    return manager.save(manager.create(MembershipCategory, values));
  }

  /** The category, locked until the caller's transaction ends: changes to one category queue. */
  lockForChange(manager: EntityManager, id: string): Promise<MembershipCategory | null> {
    return manager.findOne(MembershipCategory, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Writes `changes` onto the category and saves it. */
  change(
    manager: EntityManager,
    category: MembershipCategory,
    changes: Partial<MembershipCategory>,
  ): Promise<MembershipCategory> {
    manager.merge(MembershipCategory, category, changes);
    return manager.save(category);
  }
}
