import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'opened', 'moved', 'note', 'answer', 'assigned', 'unassigned', 'recused', 'notice', 'clock_paused', 'clock_resumed', 'clock_extended', 'document', 'matched'`;
const WITH_TEXT = `'moved', 'note', 'answer', 'notice', 'clock_paused', 'clock_resumed', 'clock_extended', 'document', 'matched'`;

/**
 * Two entries of a case's timeline: a notice that could not be served, with the reason (a
 * hearing needs the notice or that reason), and the respondent's written waiver of an appeal
 * (a decision becomes final before its appeal window closes only with it). Both carry their text.
 */
export class CaseNoticeUnservedAndWaiver1795405100000 implements MigrationInterface {
  name = 'CaseNoticeUnservedAndWaiver1795405100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_kind`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_text`);
    await q.query(`
      ALTER TABLE ethics_case_events
        ADD CONSTRAINT ck_ethics_case_events_kind
            CHECK (kind IN (${KINDS}, 'notice_unserved', 'appeal_waived')),
        ADD CONSTRAINT ck_ethics_case_events_text
            CHECK (kind NOT IN (${WITH_TEXT}, 'notice_unserved', 'appeal_waived')
                   OR btrim(coalesce(text, '')) <> '')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM ethics_case_events WHERE kind IN ('notice_unserved', 'appeal_waived')`,
    );
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_kind`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_text`);
    await q.query(`
      ALTER TABLE ethics_case_events
        ADD CONSTRAINT ck_ethics_case_events_kind CHECK (kind IN (${KINDS})),
        ADD CONSTRAINT ck_ethics_case_events_text
            CHECK (kind NOT IN (${WITH_TEXT}) OR btrim(coalesce(text, '')) <> '')`);
  }
}
