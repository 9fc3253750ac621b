import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaints and the ethics cases they open: each move of a case dated, reasoned and kept on its
 * timeline, the officers assigned to it, and every read of it by staff.
 */
export class EthicsCases1795402200000 implements MigrationInterface {
  name = 'EthicsCases1795402200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaints (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        reference varchar(20) NOT NULL,
        complainant_name varchar(200) NOT NULL,
        complainant_email varchar(254) NULL,
        complainant_phone varchar(40) NULL,
        disclose_to_respondent boolean NOT NULL DEFAULT false,
        respondent_number varchar(100) NULL,
        respondent_name varchar(200) NULL,
        what_happened text NOT NULL,
        happened_on date NULL,
        lodged_by_account_id uuid NULL,
        lodged_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_complaints PRIMARY KEY (id),
        CONSTRAINT uq_complaints_reference UNIQUE (reference),
        CONSTRAINT fk_complaints_lodged_by_account_id
          FOREIGN KEY (lodged_by_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_complaints_respondent CHECK (
          respondent_number IS NOT NULL OR respondent_name IS NOT NULL),
        CONSTRAINT ck_complaints_what_happened CHECK (btrim(what_happened) <> '')
      )`);
    await q.query(`
      CREATE TABLE ethics_cases (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL,
        respondent_person_id uuid NULL,
        status varchar(20) NOT NULL,
        status_changed_on date NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_ethics_cases PRIMARY KEY (id),
        CONSTRAINT uq_ethics_cases_complaint_id UNIQUE (complaint_id),
        CONSTRAINT fk_ethics_cases_complaint_id FOREIGN KEY (complaint_id) REFERENCES complaints (id),
        CONSTRAINT fk_ethics_cases_respondent_person_id
          FOREIGN KEY (respondent_person_id) REFERENCES persons (id),
        CONSTRAINT ck_ethics_cases_status CHECK (status IN ('received', 'screening', 'dismissed',
          'investigation', 'hearing', 'decided', 'appeal', 'appeal_decided', 'final'))
      )`);
    await q.query(
      `CREATE INDEX ix_ethics_cases_respondent_person_id ON ethics_cases (respondent_person_id)`,
    );
    await q.query(`CREATE INDEX ix_ethics_cases_status ON ethics_cases (status, opened_at)`);
    await q.query(`
      CREATE TABLE ethics_case_events (
        id bigint GENERATED ALWAYS AS IDENTITY,
        case_id uuid NOT NULL,
        kind varchar(20) NOT NULL,
        from_status varchar(20) NULL,
        to_status varchar(20) NULL,
        text text NULL,
        confidential boolean NOT NULL DEFAULT false,
        subject_account_id uuid NULL,
        actor_account_id uuid NULL,
        occurred_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_ethics_case_events PRIMARY KEY (id),
        CONSTRAINT fk_ethics_case_events_case_id FOREIGN KEY (case_id) REFERENCES ethics_cases (id),
        CONSTRAINT fk_ethics_case_events_subject_account_id
          FOREIGN KEY (subject_account_id) REFERENCES accounts (id),
        CONSTRAINT fk_ethics_case_events_actor_account_id
          FOREIGN KEY (actor_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_ethics_case_events_kind
          CHECK (kind IN ('opened', 'moved', 'note', 'answer', 'assigned', 'unassigned')),
        CONSTRAINT ck_ethics_case_events_text CHECK (
          kind NOT IN ('moved', 'note', 'answer') OR btrim(coalesce(text, '')) <> '')
      )`);
    await q.query(`CREATE INDEX ix_ethics_case_events_case_id ON ethics_case_events (case_id, id)`);
    await q.query(`
      CREATE TABLE ethics_case_assignments (
        case_id uuid NOT NULL,
        account_id uuid NOT NULL,
        role varchar(10) NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_ethics_case_assignments PRIMARY KEY (case_id, account_id),
        CONSTRAINT fk_ethics_case_assignments_case_id
          FOREIGN KEY (case_id) REFERENCES ethics_cases (id),
        CONSTRAINT fk_ethics_case_assignments_account_id
          FOREIGN KEY (account_id) REFERENCES accounts (id),
        CONSTRAINT ck_ethics_case_assignments_role CHECK (role IN ('officer', 'panel'))
      )`);
    await q.query(
      `CREATE INDEX ix_ethics_case_assignments_account_id ON ethics_case_assignments (account_id)`,
    );
    await q.query(`
      CREATE TABLE ethics_case_reads (
        id bigint GENERATED ALWAYS AS IDENTITY,
        case_id uuid NOT NULL,
        account_id uuid NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_ethics_case_reads PRIMARY KEY (id),
        CONSTRAINT fk_ethics_case_reads_case_id FOREIGN KEY (case_id) REFERENCES ethics_cases (id),
        CONSTRAINT fk_ethics_case_reads_account_id FOREIGN KEY (account_id) REFERENCES accounts (id)
      )`);
    await q.query(
      `CREATE INDEX ix_ethics_case_reads_case_id ON ethics_case_reads (case_id, read_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ethics_case_reads`);
    await q.query(`DROP TABLE ethics_case_assignments`);
    await q.query(`DROP TABLE ethics_case_events`);
    await q.query(`DROP TABLE ethics_cases`);
    await q.query(`DROP TABLE complaints`);
  }
}
