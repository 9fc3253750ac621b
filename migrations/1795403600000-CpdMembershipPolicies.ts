import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A CPD policy follows a credential type (its validity is the cycle), a membership category or a
 * speciality (cycles run back to back from the day membership began), or nothing yet; never two.
 */
export class CpdMembershipPolicies1795403600000 implements MigrationInterface {
  name = 'CpdMembershipPolicies1795403600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cpd_policies
        ADD COLUMN membership_category_code varchar(40) NULL,
        ADD COLUMN speciality varchar(120) NULL,
        ADD CONSTRAINT ck_cpd_policies_follows
            CHECK (num_nonnulls(credential_type_code, membership_category_code, speciality) <= 1)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cpd_policies
        DROP CONSTRAINT ck_cpd_policies_follows,
        DROP COLUMN speciality,
        DROP COLUMN membership_category_code`);
  }
}
