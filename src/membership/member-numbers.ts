import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { formatNumber, numberScope } from 'src/common/numbering';
import type { MembershipCategory } from 'src/membership/entities/membership-category.entity';
import { MembershipRepository } from 'src/membership/membership.repository';

/**
 * Member numbers, from each category's format (chapter, category and year in the prefix) and a
 * sequence per prefix, taken in the caller's transaction: kept for life once given.
 */
@Injectable()
export class MemberNumbers {
  constructor(private readonly repository: MembershipRepository) {}

  /** The next member number of the category's format, stepping past numbers `reserved` or taken. */
  async allocate(
    manager: EntityManager,
    category: MembershipCategory,
    chapterCode: string,
    /** The day the membership begins (YYYY-MM-DD): its year and month fill {YYYY}, {YY}, {MM}. */
    on: string,
    reserved: ReadonlySet<string> = new Set(),
  ): Promise<string> {
    const values = {
      CHAPTER: chapterCode,
      CATEGORY: category.code,
      YYYY: on.slice(0, 4),
      YY: on.slice(2, 4),
      MM: on.slice(5, 7),
    };
    const prefix = numberScope(category.memberNumberFormat, values);
    const scope = prefix.length <= 100 ? prefix : createHash('sha256').update(prefix).digest('hex');
    // Numbers brought in by an import may already hold a value of the sequence: step past them.
    for (;;) {
      const sequence = await this.repository.nextMemberSequence(manager, scope);
      const number = formatNumber(category.memberNumberFormat, values, sequence);
      if (reserved.has(number)) continue;
      if (!(await this.repository.memberNumberTaken(manager, number))) return number;
    }
  }
}
