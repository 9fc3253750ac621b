import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ScopeCondition } from 'src/auth/access';
import { RecommendationLetter } from 'src/letters/entities/recommendation-letter.entity';

/** Every query of recommendation letters, named. */
@Injectable()
export class LettersRepository {
  /**
   * The next number of a year. The upsert locks the year's row until the transaction ends, so
   * concurrent issues take turns, and a rolled-back one gives its number back.
   */
  async nextSequence(manager: EntityManager, year: string): Promise<number> {
    const [{ last }] = await manager.query<{ last: number }[]>(
      `INSERT INTO letter_sequences (year, last_value) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last_value = letter_sequences.last_value + 1
         RETURNING last_value AS last`,
      [year],
    );
    return last;
  }

  async insert(
    manager: EntityManager,
    values: Pick<
      RecommendationLetter,
      | 'number'
      | 'personId'
      | 'purpose'
      | 'issuedOn'
      | 'validUntil'
      | 'eligibility'
      | 'issuedByAccountId'
    >,
  ): Promise<string> {
    const { identifiers } = await manager.insert(RecommendationLetter, values);
    return identifiers[0].id as string;
  }

  find(manager: EntityManager, id: string): Promise<RecommendationLetter | null> {
    return manager.findOneBy(RecommendationLetter, { id });
  }

  findByNumber(manager: EntityManager, number: string): Promise<RecommendationLetter | null> {
    return manager.findOneBy(RecommendationLetter, { number });
  }

  async ownersOf(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows = await manager
      .createQueryBuilder(RecommendationLetter, 'letter')
      .select(['letter.id', 'letter.personId'])
      .whereInIds(ids)
      .getMany();
    return new Map(rows.map((row) => [row.id, row.personId]));
  }

  pageQuery(
    manager: EntityManager,
    personId: string | undefined,
    scope: ScopeCondition | null,
  ): SelectQueryBuilder<RecommendationLetter> {
    const qb = manager
      .createQueryBuilder(RecommendationLetter, 'letter')
      .orderBy('letter.issuedAt', 'DESC')
      .addOrderBy('letter.id', 'ASC');
    if (personId) qb.andWhere('letter.personId = :personId', { personId });
    if (scope) qb.andWhere(scope.sql, scope.parameters);
    return qb;
  }
}
