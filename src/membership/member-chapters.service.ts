import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ScopeCondition } from 'src/auth/access';
import { MEMBERSHIP_READ_MODEL } from 'src/membership/membership.read-model';
import { PersonChapters } from 'src/people/people.port';

/** A person's chapter, answered from their membership or open application. */
@Injectable()
export class MemberChapters extends PersonChapters {
  async chaptersOf(manager: EntityManager, personIds: string[]): Promise<Map<string, string>> {
    if (!personIds.length) return new Map();
    const rows = await manager.query<{ personId: string; chapterId: string }[]>(
      `SELECT person.id AS "personId", ${MEMBERSHIP_READ_MODEL.chapterOfPerson('person.id')} AS "chapterId"
         FROM unnest($1::uuid[]) AS person (id)`,
      [[...new Set(personIds)]],
    );
    return new Map(
      rows.filter((row) => row.chapterId !== null).map((row) => [row.personId, row.chapterId]),
    );
  }

  inChapter(chapterId: string, personIdColumn: string): ScopeCondition {
    return {
      sql: `${MEMBERSHIP_READ_MODEL.chapterOfPerson(personIdColumn)} = :inChapterId`,
      parameters: { inChapterId: chapterId },
    };
  }
}
