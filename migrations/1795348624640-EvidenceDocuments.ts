import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Evidence files (diplomas, licences): the bytes live in storage, the row keeps name, type, size and SHA-256. */
export class EvidenceDocuments1795348624640 implements MigrationInterface {
  name = 'EvidenceDocuments1795348624640';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evidence_documents (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        subject_type varchar(20) NOT NULL,
        subject_id uuid NOT NULL,
        file_name varchar(255) NOT NULL,
        media_type varchar(40) NOT NULL,
        size_bytes integer NOT NULL,
        sha256 char(64) NOT NULL,
        storage_key varchar(100) NOT NULL,
        uploaded_by_account_id uuid NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_evidence_documents PRIMARY KEY (id),
        CONSTRAINT uq_evidence_documents_storage_key UNIQUE (storage_key),
        CONSTRAINT fk_evidence_documents_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT ck_evidence_documents_subject_type CHECK (subject_type IN ('qualification', 'credential')),
        CONSTRAINT ck_evidence_documents_media_type
          CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        CONSTRAINT ck_evidence_documents_size_bytes CHECK (size_bytes > 0),
        CONSTRAINT ck_evidence_documents_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(
      `CREATE INDEX ix_evidence_documents_subject ON evidence_documents (subject_type, subject_id)`,
    );
    await q.query(`CREATE INDEX ix_evidence_documents_person_id ON evidence_documents (person_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_documents`);
  }
}
