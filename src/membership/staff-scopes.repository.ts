import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StaffScope } from 'src/auth/principal';
import { CHAPTERS_READ_MODEL } from 'src/chapters/chapters.read-model';

/** How the SQL names the scope's two values: `:name` in a query builder, `$n` in a raw query. */
export interface Placeholders {
  profession: string;
  chapter: string;
}

/** Whether a membership or application (`record`) is of the scope's profession and chapter. */
export function fitsSql(record: string, at: Placeholders): string {
  return `(${at.profession} IS NULL OR ${at.profession} =
             (SELECT scoped_category.profession_id FROM membership_categories scoped_category
               WHERE scoped_category.id = ${record}.category_id))
          AND (${at.chapter} IS NULL OR ${record}.chapter_id IN (${CHAPTERS_READ_MODEL.subtree(at.chapter)}))`;
}

const NAMED: Placeholders = {
  profession: 'CAST(:scopeProfessionId AS uuid)',
  chapter: 'CAST(:scopeChapterId AS uuid)',
};
const POSITIONAL: Placeholders = { profession: '$2::uuid', chapter: '$3::uuid' };

/**
 * The people of a scope, in SQL: those with a membership or an application in a category of the
 * scope's profession and in its chapter (or one below it), and those not yet anyone's (no
 * membership or application at all), whom scoped staff take in.
 */
function inScopeSql(personIdColumn: string, at: Placeholders): string {
  const held = (table: string, record: string) =>
    `EXISTS (SELECT 1 FROM ${table} ${record}
              WHERE ${record}.person_id = ${personIdColumn} AND ${fitsSql(record, at)})`;
  return `((NOT EXISTS (SELECT 1 FROM memberships WHERE person_id = ${personIdColumn})
            AND NOT EXISTS (SELECT 1 FROM membership_applications WHERE person_id = ${personIdColumn}))
           OR ${held('memberships', 'scoped_membership')}
           OR ${held('membership_applications', 'scoped_application')})`;
}

@Injectable()
export class StaffScopesRepository {
  /** The people among these that the scope covers. */
  async peopleInScope(
    manager: EntityManager,
    scope: StaffScope,
    personIds: string[],
  ): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT person.id FROM unnest($1::uuid[]) AS person (id)
        WHERE ${inScopeSql('person.id', POSITIONAL)}`,
      [personIds, scope.professionId, scope.chapterId],
    );
    return rows.map((row) => row.id);
  }

  /** The chapters among these that a scope's chapter covers: itself and those below it. */
  async chaptersInScope(
    manager: EntityManager,
    chapterId: string,
    ids: string[],
  ): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM unnest($1::uuid[]) AS chapter (id)
        WHERE id IN (${CHAPTERS_READ_MODEL.subtree('$2::uuid')})`,
      [ids, chapterId],
    );
    return rows.map((row) => row.id);
  }

  /** The same as a condition on a list query's person id column, with named parameters. */
  condition(scope: StaffScope, personIdColumn: string) {
    return {
      sql: inScopeSql(personIdColumn, NAMED),
      parameters: { scopeProfessionId: scope.professionId, scopeChapterId: scope.chapterId },
    };
  }

  /** The memberships or applications among these that are of the scope's profession and chapter. */
  async recordsInScope(
    manager: EntityManager,
    table: 'memberships' | 'membership_applications',
    scope: StaffScope,
    ids: string[],
  ): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT record.id FROM ${table} record
        WHERE record.id = ANY($1::uuid[]) AND ${fitsSql('record', POSITIONAL)}`,
      [ids, scope.professionId, scope.chapterId],
    );
    return rows.map((row) => row.id);
  }

  /** The same as a condition on a list of memberships or applications (`alias`). */
  recordCondition(scope: StaffScope, alias: string) {
    return {
      sql: fitsSql(alias, NAMED),
      parameters: { scopeProfessionId: scope.professionId, scopeChapterId: scope.chapterId },
    };
  }
}
