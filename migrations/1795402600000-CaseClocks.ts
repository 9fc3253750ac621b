import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The procedure's deadlines as data, in dated versions: a case keeps the version in force when it
 * opened. Notices to the respondent, and pauses and extensions of a clock (each with a reason),
 * are entries of the timeline the clocks are read from.
 */
export class CaseClocks1795402600000 implements MigrationInterface {
  name = 'CaseClocks1795402600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_procedures (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        version varchar(40) NOT NULL,
        effective_from date NOT NULL,
        clocks jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_case_procedures PRIMARY KEY (id),
        CONSTRAINT uq_case_procedures_version UNIQUE (version),
        CONSTRAINT uq_case_procedures_effective_from UNIQUE (effective_from)
      )`);
    await q.query(`ALTER TABLE ethics_cases ADD COLUMN procedure_id uuid NULL`);
    await q.query(`
      ALTER TABLE ethics_cases ADD CONSTRAINT fk_ethics_cases_procedure_id
        FOREIGN KEY (procedure_id) REFERENCES case_procedures (id)`);
    await q.query(`ALTER TABLE ethics_case_events ADD COLUMN clock varchar(40) NULL`);
    await q.query(`ALTER TABLE ethics_case_events ADD COLUMN days integer NULL`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_kind`);
    await q.query(`
      ALTER TABLE ethics_case_events ADD CONSTRAINT ck_ethics_case_events_kind CHECK (kind IN
        ('opened', 'moved', 'note', 'answer', 'assigned', 'unassigned', 'recused', 'notice',
         'clock_paused', 'clock_resumed', 'clock_extended'))`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_text`);
    await q.query(`
      ALTER TABLE ethics_case_events ADD CONSTRAINT ck_ethics_case_events_text CHECK (
        kind NOT IN ('moved', 'note', 'answer', 'notice', 'clock_paused', 'clock_resumed', 'clock_extended')
        OR btrim(coalesce(text, '')) <> '')`);
    await q.query(`
      ALTER TABLE ethics_case_events ADD CONSTRAINT ck_ethics_case_events_clock CHECK (
        (kind IN ('clock_paused', 'clock_resumed', 'clock_extended')) = (clock IS NOT NULL)
        AND (kind = 'clock_extended') = (days IS NOT NULL AND days > 0))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM ethics_case_events
       WHERE kind IN ('notice', 'clock_paused', 'clock_resumed', 'clock_extended')`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_clock`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_text`);
    await q.query(`
      ALTER TABLE ethics_case_events ADD CONSTRAINT ck_ethics_case_events_text CHECK (
        kind NOT IN ('moved', 'note', 'answer') OR btrim(coalesce(text, '')) <> '')`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_kind`);
    await q.query(`
      ALTER TABLE ethics_case_events ADD CONSTRAINT ck_ethics_case_events_kind
        CHECK (kind IN ('opened', 'moved', 'note', 'answer', 'assigned', 'unassigned', 'recused'))`);
    await q.query(`ALTER TABLE ethics_case_events DROP COLUMN days`);
    await q.query(`ALTER TABLE ethics_case_events DROP COLUMN clock`);
    await q.query(`ALTER TABLE ethics_cases DROP COLUMN procedure_id`);
    await q.query(`DROP TABLE case_procedures`);
  }
}
