import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import type { MembershipCategory } from 'src/membership/entities/membership-category.entity';
import { MemberNumbers } from 'src/membership/member-numbers';
import {
  DATED_STATUSES,
  datedStatus,
  type MembershipStatus,
} from 'src/membership/membership-rules';
import { MembershipRepository } from 'src/membership/membership.repository';

/** The memberships a register import brings in, written in bulk in the import's transaction. */
@Injectable()
export class ImportedMemberships {
  constructor(
    private readonly repository: MembershipRepository,
    private readonly memberNumbers: MemberNumbers,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
  ) {}

  /**
   * Brings in memberships from an existing register , each with one
   * granted period up to its cover and a dated "imported" status, in the caller's transaction.
   */
  async insertMany(
    manager: EntityManager,
    actor: Actor,
    rows: {
      personId: string;
      memberNumber: string | null;
      category: MembershipCategory;
      chapterId: string;
      chapterCode: string;
      speciality: string | null;
      memberSince: string;
      coveredUntil: string;
      status: MembershipStatus;
    }[],
    importId: string,
  ): Promise<number> {
    if (!rows.length) return 0;
    const today = this.calendar.today();
    // Numbers the register gives are not on record yet: allocation steps past them too.
    const given = new Set(rows.flatMap((row) => (row.memberNumber ? [row.memberNumber] : [])));
    const numbers: string[] = [];
    for (const row of rows) {
      numbers.push(
        row.memberNumber ??
          (await this.memberNumbers.allocate(
            manager,
            row.category,
            row.chapterCode,
            row.memberSince,
            given,
          )),
      );
    }
    const statuses = rows.map((row) =>
      DATED_STATUSES.includes(row.status)
        ? datedStatus(row.coveredUntil, row.category.graceDays, today)
        : row.status,
    );
    const reason = `Imported from the register (import ${importId})`;
    const inserted = await this.repository.insertImported(
      manager,
      rows.map((row, index) => ({
        personId: row.personId,
        memberNumber: numbers[index],
        categoryId: row.category.id,
        chapterId: row.chapterId,
        speciality: row.speciality,
        status: statuses[index],
        memberSince: row.memberSince,
        coveredUntil: row.coveredUntil,
      })),
      {
        reason,
        today,
        importId,
        actorAccountId: actor.kind === 'account' ? actor.accountId : null,
      },
    );
    await this.audit.recordMany(
      manager,
      actor,
      inserted.map((row, index) => ({
        action: 'membership.imported',
        entityType: 'membership',
        entityId: row.id,
        after: { personId: row.person_id, memberNumber: numbers[index], importId },
      })),
    );
    return inserted.length;
  }
}
