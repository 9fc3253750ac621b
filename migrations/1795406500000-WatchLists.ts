import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations watch the credentials they rely on. Every change a verifier would see of a
 * credential is kept in `credential_changes`, written by a trigger in the transaction that makes
 * the change (an outbox: neither goes without the other), with the transaction's id, so a reader
 * following it in order never passes a change that commits late.
 */
export class WatchLists1795406500000 implements MigrationInterface {
  name = 'WatchLists1795406500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE credential_changes (
        id bigint GENERATED ALWAYS AS IDENTITY,
        tx_id bigint NOT NULL,
        credential_id uuid NOT NULL,
        event varchar(20) NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_credential_changes PRIMARY KEY (id),
        CONSTRAINT fk_credential_changes_credential_id FOREIGN KEY (credential_id)
          REFERENCES credentials (id)
      )`);
    await q.query(
      `CREATE INDEX ix_credential_changes_credential_id ON credential_changes (credential_id, tx_id, id)`,
    );
    await q.query(`CREATE INDEX ix_credential_changes_tx_id ON credential_changes (tx_id, id)`);
    await q.query(`
      CREATE FUNCTION credential_changes_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.event IN ('suspended', 'reinstated', 'revoked', 'renewed', 'superseded', 'ended') THEN
          INSERT INTO credential_changes (tx_id, credential_id, event)
          VALUES (pg_current_xact_id()::text::bigint, NEW.credential_id, NEW.event);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_credential_changes_kept AFTER INSERT ON credential_events
        FOR EACH ROW EXECUTE FUNCTION credential_changes_kept()`);
    await q.query(`
      CREATE TABLE watch_lists (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        api_key_id uuid NOT NULL,
        organisation varchar(200) NOT NULL,
        name varchar(200) NOT NULL,
        purpose text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_watch_lists PRIMARY KEY (id),
        CONSTRAINT fk_watch_lists_api_key_id FOREIGN KEY (api_key_id) REFERENCES api_keys (id),
        CONSTRAINT ck_watch_lists_purpose CHECK (btrim(purpose) <> '')
      )`);
    await q.query(`CREATE INDEX ix_watch_lists_api_key_id ON watch_lists (api_key_id)`);
    await q.query(`
      CREATE TABLE watch_entries (
        watch_list_id uuid NOT NULL,
        credential_id uuid NOT NULL,
        number varchar(100) NOT NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_watch_entries PRIMARY KEY (watch_list_id, credential_id),
        CONSTRAINT fk_watch_entries_watch_list_id FOREIGN KEY (watch_list_id)
          REFERENCES watch_lists (id),
        CONSTRAINT fk_watch_entries_credential_id FOREIGN KEY (credential_id)
          REFERENCES credentials (id)
      )`);
    await q.query(`CREATE INDEX ix_watch_entries_credential_id ON watch_entries (credential_id)`);
    await q.query(
      `CREATE UNIQUE INDEX ix_watch_entries_watch_list_id_number ON watch_entries (watch_list_id, number)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE watch_entries`);
    await q.query(`DROP TABLE watch_lists`);
    await q.query(`DROP TRIGGER trg_credential_changes_kept ON credential_events`);
    await q.query(`DROP FUNCTION credential_changes_kept()`);
    await q.query(`DROP TABLE credential_changes`);
  }
}
