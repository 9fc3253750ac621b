import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A membership's periods are kept apart by the admission they belong to: a member readmitted on
 * the day their earlier admission began has a period starting that day too, and neither is lost.
 * The periods kept before this were all of a membership's first admission or renewals of it;
 * those of a membership readmitted since are numbered in the order they began, a period that
 * begins on the day of a readmission's status change opening the next admission.
 */
export class MembershipPeriodAdmissions1795405000000 implements MigrationInterface {
  name = 'MembershipPeriodAdmissions1795405000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE membership_periods ADD COLUMN admission smallint NOT NULL DEFAULT 1
         CONSTRAINT ck_membership_periods_admission CHECK (admission >= 1)`,
    );
    await queryRunner.query(`
      UPDATE membership_periods p SET admission = 1 + (
        SELECT count(*) FROM membership_status_changes c
         WHERE c.membership_id = p.membership_id
           AND c.reason = 'Readmitted on approval of an application'
           AND c.effective_on <= p.starts_on)`);
    await queryRunner.query(
      `ALTER TABLE membership_periods DROP CONSTRAINT uq_membership_periods_membership_starts_on`,
    );
    await queryRunner.query(
      `ALTER TABLE membership_periods ADD CONSTRAINT uq_membership_periods_admission_starts_on
         UNIQUE (membership_id, admission, starts_on)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE membership_periods DROP CONSTRAINT uq_membership_periods_admission_starts_on`,
    );
    await queryRunner.query(
      `ALTER TABLE membership_periods ADD CONSTRAINT uq_membership_periods_membership_starts_on
         UNIQUE (membership_id, starts_on)`,
    );
    await queryRunner.query(`ALTER TABLE membership_periods DROP COLUMN admission`);
  }
}
