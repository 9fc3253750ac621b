import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a revoked membership, or a member's death, does to the credentials the association issued
 * that person: keep them, suspend them, or revoke them, configured per credential type. Licences
 * issued elsewhere are their issuer's to end: always kept.
 */
export class CredentialsOnMembershipEnd1795400700000 implements MigrationInterface {
  name = 'CredentialsOnMembershipEnd1795400700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE credential_types ADD COLUMN on_membership_end varchar(10) NOT NULL DEFAULT 'keep'`,
    );
    await q.query(`
      ALTER TABLE credential_types
        ADD CONSTRAINT ck_credential_types_on_membership_end
          CHECK (on_membership_end IN ('keep', 'suspend', 'revoke')),
        ADD CONSTRAINT ck_credential_types_on_membership_end_issuer
          CHECK (issuer_kind = 'association' OR on_membership_end = 'keep')`);
    // A certificate of competence vouches for a member in good standing: it stops with the
    // membership, reversibly, until staff decide (reinstate it or revoke it).
    await q.query(
      `UPDATE credential_types SET on_membership_end = 'suspend' WHERE issuer_kind = 'association'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE credential_types
        DROP CONSTRAINT ck_credential_types_on_membership_end_issuer,
        DROP CONSTRAINT ck_credential_types_on_membership_end,
        DROP COLUMN on_membership_end`);
  }
}
