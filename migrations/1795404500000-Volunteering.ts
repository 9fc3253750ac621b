import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteering: programs people find on a public list, volunteers admitted to them, shifts with a
 * capacity and a waiting list, hours logged and decided (never deleted: a correction is a new
 * entry that supersedes the one it corrects), and the community-service CPD credits approved
 * hours propose by a rule kept in data. Volunteer coordinators are a role of their own.
 */
export class Volunteering1795404500000 implements MigrationInterface {
  name = 'Volunteering1795404500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT ck_accounts_roles`);
    await q.query(`
      ALTER TABLE accounts ADD CONSTRAINT ck_accounts_roles CHECK (
        cardinality(roles) > 0
        AND roles <@ ARRAY['admin', 'registrar', 'cpd_officer', 'ethics_officer', 'finance', 'volunteer_coordinator', 'member']::text[])`);

    await q.query(`
      CREATE TABLE volunteer_programs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        description text NOT NULL,
        cause varchar(120) NOT NULL,
        chapter_id uuid NULL,
        place varchar(200) NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        open_to varchar(10) NOT NULL,
        required_credential_type_id uuid NULL,
        status varchar(10) NOT NULL DEFAULT 'open',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_volunteer_programs PRIMARY KEY (id),
        CONSTRAINT fk_volunteer_programs_chapter_id FOREIGN KEY (chapter_id) REFERENCES chapters (id),
        CONSTRAINT fk_volunteer_programs_required_credential_type_id FOREIGN KEY (required_credential_type_id) REFERENCES credential_types (id),
        CONSTRAINT ck_volunteer_programs_dates CHECK (ends_on >= starts_on),
        CONSTRAINT ck_volunteer_programs_open_to CHECK (open_to IN ('members', 'anyone')),
        CONSTRAINT ck_volunteer_programs_status CHECK (status IN ('open', 'closed'))
      )`);
    await q.query(
      `CREATE INDEX ix_volunteer_programs_status ON volunteer_programs (status, starts_on)`,
    );

    await q.query(`
      CREATE TABLE volunteers (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL,
        person_id uuid NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'applicant',
        motivation text NULL,
        reason text NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NULL,
        decided_by_account_id uuid NULL,
        CONSTRAINT pk_volunteers PRIMARY KEY (id),
        CONSTRAINT fk_volunteers_program_id FOREIGN KEY (program_id) REFERENCES volunteer_programs (id),
        CONSTRAINT fk_volunteers_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_volunteers_decided_by_account_id FOREIGN KEY (decided_by_account_id) REFERENCES accounts (id),
        CONSTRAINT uq_volunteers_program_id_person_id UNIQUE (program_id, person_id),
        CONSTRAINT ck_volunteers_status CHECK (status IN ('applicant', 'approved', 'archived')),
        CONSTRAINT ck_volunteers_decision CHECK (
          (status = 'applicant') = (decided_at IS NULL)
          AND (status <> 'archived' OR btrim(coalesce(reason, '')) <> ''))
      )`);
    await q.query(`CREATE INDEX ix_volunteers_person_id ON volunteers (person_id)`);

    await q.query(`
      CREATE TABLE volunteer_shifts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL,
        role varchar(120) NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity integer NOT NULL,
        place varchar(200) NULL,
        required_credential_type_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_volunteer_shifts PRIMARY KEY (id),
        CONSTRAINT fk_volunteer_shifts_program_id FOREIGN KEY (program_id) REFERENCES volunteer_programs (id),
        CONSTRAINT fk_volunteer_shifts_required_credential_type_id FOREIGN KEY (required_credential_type_id) REFERENCES credential_types (id),
        CONSTRAINT ck_volunteer_shifts_times CHECK (ends_at > starts_at),
        CONSTRAINT ck_volunteer_shifts_capacity CHECK (capacity BETWEEN 1 AND 10000)
      )`);
    await q.query(
      `CREATE INDEX ix_volunteer_shifts_program_id ON volunteer_shifts (program_id, starts_at)`,
    );

    await q.query(`
      CREATE TABLE shift_signups (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        shift_id uuid NOT NULL,
        volunteer_id uuid NOT NULL,
        status varchar(10) NOT NULL,
        signed_up_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        promoted_at timestamptz NULL,
        cancelled_at timestamptz NULL,
        CONSTRAINT pk_shift_signups PRIMARY KEY (id),
        CONSTRAINT fk_shift_signups_shift_id FOREIGN KEY (shift_id) REFERENCES volunteer_shifts (id),
        CONSTRAINT fk_shift_signups_volunteer_id FOREIGN KEY (volunteer_id) REFERENCES volunteers (id),
        CONSTRAINT ck_shift_signups_status CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
        CONSTRAINT ck_shift_signups_cancelled CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
      )`);
    // One live sign-up per volunteer and shift; the waiting list in the order people joined it.
    await q.query(`
      CREATE UNIQUE INDEX uq_shift_signups_live ON shift_signups (shift_id, volunteer_id)
       WHERE status <> 'cancelled'`);
    await q.query(`
      CREATE INDEX ix_shift_signups_waiting ON shift_signups (shift_id, signed_up_at, id)
       WHERE status = 'waiting'`);
    await q.query(`CREATE INDEX ix_shift_signups_volunteer_id ON shift_signups (volunteer_id)`);

    await q.query(`
      CREATE TABLE volunteer_hours (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        volunteer_id uuid NOT NULL,
        shift_id uuid NULL,
        worked_on date NOT NULL,
        hours numeric(5,2) NOT NULL,
        note text NULL,
        recorded_by varchar(12) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'pending',
        reason text NULL,
        corrects_id uuid NULL,
        superseded_by_id uuid NULL,
        logged_by_account_id uuid NULL,
        logged_at timestamptz NOT NULL DEFAULT now(),
        decided_by_account_id uuid NULL,
        decided_at timestamptz NULL,
        CONSTRAINT pk_volunteer_hours PRIMARY KEY (id),
        CONSTRAINT fk_volunteer_hours_volunteer_id FOREIGN KEY (volunteer_id) REFERENCES volunteers (id),
        CONSTRAINT fk_volunteer_hours_shift_id FOREIGN KEY (shift_id) REFERENCES volunteer_shifts (id),
        CONSTRAINT fk_volunteer_hours_corrects_id FOREIGN KEY (corrects_id) REFERENCES volunteer_hours (id),
        CONSTRAINT fk_volunteer_hours_superseded_by_id FOREIGN KEY (superseded_by_id) REFERENCES volunteer_hours (id),
        CONSTRAINT fk_volunteer_hours_logged_by_account_id FOREIGN KEY (logged_by_account_id) REFERENCES accounts (id),
        CONSTRAINT fk_volunteer_hours_decided_by_account_id FOREIGN KEY (decided_by_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_volunteer_hours_hours CHECK (hours > 0 AND hours <= 24),
        CONSTRAINT ck_volunteer_hours_recorded_by CHECK (recorded_by IN ('volunteer', 'coordinator')),
        CONSTRAINT ck_volunteer_hours_status CHECK (status IN ('pending', 'approved', 'declined')),
        CONSTRAINT ck_volunteer_hours_decision CHECK (
          (status = 'pending') = (decided_at IS NULL)
          AND (status <> 'declined' OR btrim(coalesce(reason, '')) <> ''))
      )`);
    await q.query(
      `CREATE INDEX ix_volunteer_hours_volunteer_id ON volunteer_hours (volunteer_id, worked_on)`,
    );
    // An entry is corrected once: a second correction corrects the correction.
    await q.query(
      `CREATE UNIQUE INDEX uq_volunteer_hours_superseded_by_id ON volunteer_hours (superseded_by_id)`,
    );
    // Hours are never deleted: what was logged and decided stays, and a correction is a new entry.
    await q.query(`
      CREATE FUNCTION volunteer_hours_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'volunteer hours are never deleted: a correction is a new entry'
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_volunteer_hours_kept BEFORE DELETE ON volunteer_hours
        FOR EACH ROW EXECUTE FUNCTION volunteer_hours_kept()`);

    await q.query(`
      CREATE TABLE volunteer_credit_rules (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        effective_from date NOT NULL,
        hours_per_credit numeric(5,2) NOT NULL,
        domain varchar(40) NOT NULL,
        category varchar(40) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_volunteer_credit_rules PRIMARY KEY (id),
        CONSTRAINT uq_volunteer_credit_rules_effective_from UNIQUE (effective_from),
        CONSTRAINT ck_volunteer_credit_rules_hours_per_credit CHECK (hours_per_credit > 0)
      )`);
    await q.query(`
      INSERT INTO volunteer_credit_rules (effective_from, hours_per_credit, domain, category)
      VALUES ('2000-01-01', 2, 'community', 'volunteering')`);

    await q.query(`
      CREATE TABLE volunteer_credit_proposals (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        hours_id uuid NOT NULL,
        person_id uuid NOT NULL,
        title varchar(300) NOT NULL,
        domain varchar(40) NOT NULL,
        category varchar(40) NOT NULL,
        earned_on date NOT NULL,
        credits numeric(7,2) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'proposed',
        proposed_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NULL,
        CONSTRAINT pk_volunteer_credit_proposals PRIMARY KEY (id),
        CONSTRAINT uq_volunteer_credit_proposals_hours_id UNIQUE (hours_id),
        CONSTRAINT fk_volunteer_credit_proposals_hours_id FOREIGN KEY (hours_id) REFERENCES volunteer_hours (id),
        CONSTRAINT fk_volunteer_credit_proposals_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT ck_volunteer_credit_proposals_credits CHECK (credits > 0),
        CONSTRAINT ck_volunteer_credit_proposals_status CHECK (status IN ('proposed', 'accepted', 'declined', 'withdrawn')),
        CONSTRAINT ck_volunteer_credit_proposals_decided CHECK ((status = 'proposed') = (decided_at IS NULL))
      )`);
    await q.query(
      `CREATE INDEX ix_volunteer_credit_proposals_person_id ON volunteer_credit_proposals (person_id, proposed_at)`,
    );

    await q.query(`
      CREATE TABLE volunteer_calendar_feeds (
        person_id uuid NOT NULL,
        token_hash varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_volunteer_calendar_feeds PRIMARY KEY (person_id),
        CONSTRAINT fk_volunteer_calendar_feeds_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT uq_volunteer_calendar_feeds_token_hash UNIQUE (token_hash)
      )`);

    // A credit from volunteering names the approved hours behind it, its evidence, once.
    await q.query(`ALTER TABLE cpd_credits ADD COLUMN volunteer_hours_id uuid NULL`);
    await q.query(
      `ALTER TABLE cpd_credits ADD CONSTRAINT uq_cpd_credits_volunteer_hours_id UNIQUE (volunteer_hours_id)`,
    );
    await q.query(`ALTER TABLE cpd_credits DROP CONSTRAINT ck_cpd_credits_source`);
    await q.query(`
      ALTER TABLE cpd_credits ADD CONSTRAINT ck_cpd_credits_source
        CHECK (source IN ('claim', 'attendance', 'volunteering'))`);
    await q.query(`
      ALTER TABLE cpd_credits ADD CONSTRAINT ck_cpd_credits_volunteering
        CHECK ((source = 'volunteering') = (volunteer_hours_id IS NOT NULL))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM cpd_credits WHERE source = 'volunteering'`);
    await q.query(`ALTER TABLE cpd_credits DROP CONSTRAINT ck_cpd_credits_volunteering`);
    await q.query(`ALTER TABLE cpd_credits DROP CONSTRAINT ck_cpd_credits_source`);
    await q.query(`
      ALTER TABLE cpd_credits ADD CONSTRAINT ck_cpd_credits_source
        CHECK (source IN ('claim', 'attendance'))`);
    await q.query(`ALTER TABLE cpd_credits DROP COLUMN volunteer_hours_id`);
    await q.query(`DROP TABLE volunteer_calendar_feeds`);
    await q.query(`DROP TABLE volunteer_credit_proposals`);
    await q.query(`DROP TABLE volunteer_credit_rules`);
    await q.query(`DROP TRIGGER tr_volunteer_hours_kept ON volunteer_hours`);
    await q.query(`DROP FUNCTION volunteer_hours_kept()`);
    await q.query(`DROP TABLE volunteer_hours`);
    await q.query(`DROP TABLE shift_signups`);
    await q.query(`DROP TABLE volunteer_shifts`);
    await q.query(`DROP TABLE volunteers`);
    await q.query(`DROP TABLE volunteer_programs`);
    await q.query(`UPDATE accounts SET roles = array_remove(roles, 'volunteer_coordinator')`);
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT ck_accounts_roles`);
    await q.query(`
      ALTER TABLE accounts ADD CONSTRAINT ck_accounts_roles CHECK (
        cardinality(roles) > 0
        AND roles <@ ARRAY['admin', 'registrar', 'cpd_officer', 'ethics_officer', 'finance', 'member']::text[])`);
  }
}
