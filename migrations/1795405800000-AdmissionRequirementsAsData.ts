import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One model says what admission needs. A category's older fields (a verified qualification of
 * some degrees, a credential it needs), the ethics pledge every category took and the fee its
 * application charged become parts of its requirement, in the order the checklist showed them;
 * from now a category asks for the pledge and the fee where it lists them.
 */
export class AdmissionRequirementsAsData1795405800000 implements MigrationInterface {
  name = 'AdmissionRequirementsAsData1795405800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH parts AS (
        SELECT c.id,
               (CASE WHEN c.requires_verified_qualification THEN jsonb_build_array(jsonb_build_object(
                       'qualification',
                       CASE WHEN cardinality(c.qualification_degrees) > 0
                            THEN jsonb_build_object('degrees', to_jsonb(c.qualification_degrees))
                            ELSE '{}'::jsonb END))
                     ELSE '[]'::jsonb END)
               || (CASE WHEN c.required_credential_type_id IS NOT NULL
                        THEN jsonb_build_array(jsonb_build_object('credential',
                               (SELECT t.code FROM credential_types t
                                 WHERE t.id = c.required_credential_type_id)))
                        ELSE '[]'::jsonb END)
               || (CASE WHEN c.requirements IS NULL THEN '[]'::jsonb
                        WHEN c.requirements ? 'all' THEN c.requirements -> 'all'
                        ELSE jsonb_build_array(c.requirements) END)
               || (CASE WHEN c.requirements::text LIKE '%"pledge": true%' THEN '[]'::jsonb
                        ELSE jsonb_build_array(jsonb_build_object('pledge', true)) END)
               || (CASE WHEN c.application_fee_minor IS NOT NULL
                        THEN jsonb_build_array(jsonb_build_object('applicationFee', 'paid'))
                        ELSE '[]'::jsonb END) AS parts
          FROM membership_categories c)
      UPDATE membership_categories c SET requirements = jsonb_build_object('all', parts.parts)
        FROM parts WHERE parts.id = c.id`);
    await q.query(
      `ALTER TABLE membership_categories DROP CONSTRAINT ck_membership_categories_degrees`,
    );
    await q.query(`ALTER TABLE membership_categories DROP COLUMN required_credential_type_id`);
    await q.query(`ALTER TABLE membership_categories DROP COLUMN qualification_degrees`);
    await q.query(`ALTER TABLE membership_categories DROP COLUMN requires_verified_qualification`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // The requirement keeps every part; the older fields come back empty beside it.
    await q.query(
      `ALTER TABLE membership_categories ADD COLUMN requires_verified_qualification boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `ALTER TABLE membership_categories ADD COLUMN qualification_degrees varchar(120)[] NOT NULL DEFAULT '{}'`,
    );
    await q.query(
      `ALTER TABLE membership_categories ADD COLUMN required_credential_type_id uuid NULL`,
    );
    await q.query(
      `ALTER TABLE membership_categories ADD CONSTRAINT fk_membership_categories_required_credential_type_id FOREIGN KEY (required_credential_type_id) REFERENCES credential_types (id)`,
    );
    await q.query(
      `ALTER TABLE membership_categories ADD CONSTRAINT ck_membership_categories_degrees CHECK (requires_verified_qualification OR cardinality(qualification_degrees) = 0)`,
    );
  }
}
