import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The compliance report sums each holder's credits of their cycle: the index on a person's
 * credits by date now carries what the sums read (domain, category, credits, removal), so a
 * million holders' credits are summed from the index alone, without visiting the table.
 */
export class CpdCreditSums1795403400000 implements MigrationInterface {
  name = 'CpdCreditSums1795403400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_cpd_credits_person_id`);
    await q.query(
      `CREATE INDEX ix_cpd_credits_person_id ON cpd_credits (person_id, earned_on)
         INCLUDE (domain, category, credits, removed_on)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_cpd_credits_person_id`);
    await q.query(`CREATE INDEX ix_cpd_credits_person_id ON cpd_credits (person_id, earned_on)`);
  }
}
