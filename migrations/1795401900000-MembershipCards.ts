import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a profession's card is the membership (an advocate's KTPA), a credential type is that
 * card: numbered with the member number, issued on admission by the category that names it, and
 * ended with the membership.
 */
export class MembershipCards1795401900000 implements MigrationInterface {
  name = 'MembershipCards1795401900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE credential_types ADD COLUMN membership_card boolean NOT NULL DEFAULT false`,
    );
    await q.query(`
      ALTER TABLE credential_types ADD CONSTRAINT ck_credential_types_membership_card
        CHECK (NOT membership_card OR (issuer_kind = 'association' AND on_membership_end = 'revoke'))`);
    await q.query(`ALTER TABLE membership_categories ADD COLUMN card_credential_type_id uuid NULL`);
    await q.query(`
      ALTER TABLE membership_categories ADD CONSTRAINT fk_membership_categories_card_credential_type_id
        FOREIGN KEY (card_credential_type_id) REFERENCES credential_types (id)`);
    await q.query(`
      CREATE INDEX ix_membership_categories_card_credential_type_id
        ON membership_categories (card_credential_type_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership_categories DROP COLUMN card_credential_type_id`);
    await q.query(
      `ALTER TABLE credential_types DROP CONSTRAINT ck_credential_types_membership_card`,
    );
    await q.query(`ALTER TABLE credential_types DROP COLUMN membership_card`);
  }
}
