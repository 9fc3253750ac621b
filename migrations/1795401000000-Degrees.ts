import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Degrees as data: a stable code, a name and the ways diplomas write it ("Dokter (dr.)", "dr.").
 * A qualification carries the code its degree text matches (kept by a trigger; staff may set it
 * at review), and a membership category names the degree codes it needs instead of matching
 * the text a person typed.
 */
export class Degrees1795401000000 implements MigrationInterface {
  name = 'Degrees1795401000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE degrees (
        code varchar(40) NOT NULL,
        name varchar(120) NOT NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        CONSTRAINT pk_degrees PRIMARY KEY (code),
        CONSTRAINT ck_degrees_code CHECK (code ~ '^[A-Z][A-Z0-9_]{0,39}$'),
        CONSTRAINT ck_degrees_name CHECK (btrim(name) <> '')
      )`);
    await q.query(`ALTER TABLE qualifications ADD COLUMN degree_code varchar(40)`);
    await q.query(`
      ALTER TABLE qualifications ADD CONSTRAINT fk_qualifications_degree_code
        FOREIGN KEY (degree_code) REFERENCES degrees (code)`);
    await q.query(`CREATE INDEX ix_qualifications_degree_code ON qualifications (degree_code)`);
    await q.query(`
      CREATE FUNCTION degree_code_of(degree text) RETURNS varchar LANGUAGE sql STABLE AS $$
        SELECT d.code FROM degrees d
         WHERE EXISTS (SELECT 1 FROM unnest(d.aliases || d.name::text) AS a (text)
                        WHERE fold_text(a.text) = fold_text(degree))
         ORDER BY d.code LIMIT 1
      $$`);
    await q.query(`
      CREATE FUNCTION qualifications_degree_code() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' OR NEW.degree IS DISTINCT FROM OLD.degree THEN
          NEW.degree_code := coalesce(degree_code_of(NEW.degree),
                                      CASE WHEN TG_OP = 'INSERT' THEN NEW.degree_code END);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_qualifications_degree_code BEFORE INSERT OR UPDATE ON qualifications
        FOR EACH ROW EXECUTE FUNCTION qualifications_degree_code()`);
    await q.query(`UPDATE qualifications SET degree_code = degree_code_of(degree)`);
    // Categories named degrees by text: they name them by code now.
    await q.query(`
      UPDATE membership_categories c
         SET qualification_degrees = (
           SELECT coalesce(array_agg(coalesce(degree_code_of(d), d) ORDER BY n), '{}')
             FROM unnest(c.qualification_degrees) WITH ORDINALITY AS x (d, n))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE membership_categories c
         SET qualification_degrees = (
           SELECT coalesce(array_agg(coalesce(g.name, d) ORDER BY n), '{}')
             FROM unnest(c.qualification_degrees) WITH ORDINALITY AS x (d, n)
             LEFT JOIN degrees g ON g.code = x.d)`);
    await q.query(`DROP TRIGGER trg_qualifications_degree_code ON qualifications`);
    await q.query(`DROP FUNCTION qualifications_degree_code()`);
    await q.query(`DROP FUNCTION degree_code_of(text)`);
    await q.query(`ALTER TABLE qualifications DROP COLUMN degree_code`);
    await q.query(`DROP TABLE degrees`);
  }
}
