import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'opened', 'moved', 'note', 'answer', 'assigned', 'unassigned', 'recused', 'notice', 'clock_paused', 'clock_resumed', 'clock_extended'`;
const WITH_TEXT = `'moved', 'note', 'answer', 'notice', 'clock_paused', 'clock_resumed', 'clock_extended'`;

/**
 * A case takes documents (the complainant's evidence, hearing minutes) as evidence files that
 * belong to the case, not to a person: they are read through the case alone. A complaint keeps
 * the fingerprint of the key its complainant uploads evidence with. A complaint that named the
 * professional by name alone is matched to a person record later, on the timeline.
 */
export class CaseDocumentsAndMatching1795403000000 implements MigrationInterface {
  name = 'CaseDocumentsAndMatching1795403000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evidence_documents ALTER COLUMN person_id DROP NOT NULL`);
    await q.query(
      `ALTER TABLE evidence_documents DROP CONSTRAINT ck_evidence_documents_subject_type`,
    );
    await q.query(`
      ALTER TABLE evidence_documents
        ADD CONSTRAINT ck_evidence_documents_subject_type
            CHECK (subject_type IN ('qualification', 'credential', 'ethics_case')),
        ADD CONSTRAINT ck_evidence_documents_owner
            CHECK ((subject_type = 'ethics_case') = (person_id IS NULL))`);

    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_kind`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_text`);
    await q.query(`
      ALTER TABLE ethics_case_events
        ADD COLUMN document_id uuid NULL,
        ADD CONSTRAINT ck_ethics_case_events_kind CHECK (kind IN (${KINDS}, 'document', 'matched')),
        ADD CONSTRAINT ck_ethics_case_events_text
            CHECK (kind NOT IN (${WITH_TEXT}, 'document', 'matched') OR btrim(coalesce(text, '')) <> ''),
        ADD CONSTRAINT ck_ethics_case_events_document CHECK ((kind = 'document') = (document_id IS NOT NULL)),
        ADD CONSTRAINT fk_ethics_case_events_document_id
            FOREIGN KEY (document_id) REFERENCES evidence_documents(id)`);

    await q.query(`
      ALTER TABLE complaints
        ADD COLUMN evidence_key_sha256 char(64) NULL,
        ADD CONSTRAINT ck_complaints_evidence_key_sha256
            CHECK (evidence_key_sha256 IS NULL OR evidence_key_sha256 ~ '^[0-9a-f]{64}$')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaints DROP COLUMN evidence_key_sha256`);
    await q.query(`DELETE FROM ethics_case_events WHERE kind IN ('document', 'matched')`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_kind`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_text`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_document`);
    await q.query(`ALTER TABLE ethics_case_events DROP COLUMN document_id`);
    await q.query(`
      ALTER TABLE ethics_case_events
        ADD CONSTRAINT ck_ethics_case_events_kind CHECK (kind IN (${KINDS})),
        ADD CONSTRAINT ck_ethics_case_events_text
            CHECK (kind NOT IN (${WITH_TEXT}) OR btrim(coalesce(text, '')) <> '')`);
    await q.query(`DELETE FROM evidence_documents WHERE subject_type = 'ethics_case'`);
    await q.query(`ALTER TABLE evidence_documents DROP CONSTRAINT ck_evidence_documents_owner`);
    await q.query(
      `ALTER TABLE evidence_documents DROP CONSTRAINT ck_evidence_documents_subject_type`,
    );
    await q.query(`
      ALTER TABLE evidence_documents
        ADD CONSTRAINT ck_evidence_documents_subject_type
            CHECK (subject_type IN ('qualification', 'credential'))`);
    await q.query(`ALTER TABLE evidence_documents ALTER COLUMN person_id SET NOT NULL`);
  }
}
