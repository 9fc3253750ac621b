import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A credential counts its validity periods: most have one, and a report over a million holders
 * reads their dates from the credential itself, looking periods up only for the few renewed.
 */
export class CredentialPeriodCount1795404700000 implements MigrationInterface {
  name = 'CredentialPeriodCount1795404700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credentials ADD COLUMN period_count integer NOT NULL DEFAULT 1`);
    await q.query(`
      UPDATE credentials c SET period_count = counted.periods
        FROM (SELECT credential_id, count(*)::int AS periods FROM credential_periods
               GROUP BY credential_id HAVING count(*) > 1) counted
       WHERE counted.credential_id = c.id`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credentials DROP COLUMN period_count`);
  }
}
