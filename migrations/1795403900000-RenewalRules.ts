import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rules of renewal out of code and into data: when a renewal window opens before a
 * credential or membership ends, whether a renewal whose requirements are all met is approved
 * without staff, and how many days before the cover ends the next period is invoiced. The dues
 * desk's own rules (days an invoice is due in, the invoice and receipt number formats) live in
 * one row. Defaults are the ones the association started with.
 */
export class RenewalRules1795403900000 implements MigrationInterface {
  name = 'RenewalRules1795403900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE credential_types
        ADD renewal_window_days integer NOT NULL DEFAULT 90,
        ADD auto_renew boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT ck_credential_types_renewal_window_days
          CHECK (renewal_window_days BETWEEN 0 AND 3650)`);
    await q.query(`
      ALTER TABLE membership_categories
        ADD renewal_window_days integer NOT NULL DEFAULT 90,
        ADD renewal_notice_days integer NOT NULL DEFAULT 60,
        ADD auto_renew boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT ck_membership_categories_renewal_window_days
          CHECK (renewal_window_days BETWEEN 0 AND 3650),
        ADD CONSTRAINT ck_membership_categories_renewal_notice_days
          CHECK (renewal_notice_days BETWEEN 1 AND 3650)`);
    await q.query(`
      CREATE TABLE dues_settings (
        id smallint NOT NULL DEFAULT 1,
        invoice_due_days integer NOT NULL DEFAULT 30,
        invoice_number_format varchar(60) NOT NULL DEFAULT 'INV-{YYYY}-{SEQ:6}',
        receipt_number_format varchar(60) NOT NULL DEFAULT 'RCP-{YYYY}-{SEQ:6}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_dues_settings PRIMARY KEY (id),
        CONSTRAINT ck_dues_settings_one_row CHECK (id = 1),
        CONSTRAINT ck_dues_settings_invoice_due_days CHECK (invoice_due_days BETWEEN 0 AND 365)
      )`);
    await q.query(`INSERT INTO dues_settings (id) VALUES (1)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dues_settings`);
    await q.query(`
      ALTER TABLE membership_categories
        DROP COLUMN renewal_window_days, DROP COLUMN renewal_notice_days, DROP COLUMN auto_renew`);
    await q.query(`
      ALTER TABLE credential_types DROP COLUMN renewal_window_days, DROP COLUMN auto_renew`);
  }
}
