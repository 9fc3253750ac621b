import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public view of credentials (1795404900000), its chapter read from `chapterOfPerson`.
 */
const publicCredentials = (chapterOfPerson: string) => `
  CREATE VIEW public_credentials AS
  SELECT c.id,
         c.number,
         c.status,
         c.status_changed_at,
         c.suspended_until,
         c.valid_from,
         c.valid_until,
         c.issuing_authority,
         t.code AS type_code,
         t.name AS type_name,
         pr.name AS profession,
         pr.code AS profession_code,
         p.full_name,
         ${chapterOfPerson} AS chapter_id,
         (SELECT coalesce(json_agg(json_build_object('event', e.event, 'at', e.occurred_at, 'on', e.effective_on, 'until', e.suspended_until, 'suspension', e.suspension_id) ORDER BY e.occurred_at), '[]')
            FROM credential_events e
           WHERE e.credential_id = c.id AND e.event IN ('suspended', 'reinstated', 'revoked')) AS sanction_events,
         p.folded_name,
         c.person_id
    FROM credentials c
    JOIN credential_types t ON t.id = c.credential_type_id
    JOIN persons p ON p.id = c.person_id
    LEFT JOIN professions pr ON pr.id = t.profession_id
   WHERE c.verification_status = 'verified' AND t.publicly_verifiable`;

/** The chapter of the person at `person`: their membership's, or their open application's. */
const CHAPTER_OF_MEMBERSHIP = (person: string) =>
  `coalesce((SELECT m.chapter_id FROM memberships m WHERE m.person_id = ${person}),
            (SELECT a.chapter_id FROM membership_applications a
              WHERE a.person_id = ${person} AND a.status IN ('draft', 'submitted', 'under_review')))`;

/**
 * A member's chapter is one truth, kept in one place: the membership's (or, before admission,
 * the open application's). The person record kept a chapter of its own, which admission never
 * set: numbers with {CHAPTER}, the public search and staff scopes read different chapters for the
 * same member. The person's column goes; the public view reads the membership's chapter.
 */
export class ChapterOfTheMembership1795405300000 implements MigrationInterface {
  name = 'ChapterOfTheMembership1795405300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(CHAPTER_OF_MEMBERSHIP('c.person_id')));
    await q.query(`DROP INDEX ix_persons_chapter_id`);
    await q.query(`ALTER TABLE persons DROP COLUMN chapter_id`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE persons ADD COLUMN chapter_id uuid NULL`);
    await q.query(
      `ALTER TABLE persons ADD CONSTRAINT fk_persons_chapter_id
         FOREIGN KEY (chapter_id) REFERENCES chapters (id)`,
    );
    await q.query(`CREATE INDEX ix_persons_chapter_id ON persons (chapter_id)`);
    await q.query(`UPDATE persons p SET chapter_id = ${CHAPTER_OF_MEMBERSHIP('p.id')}`);
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials('p.chapter_id'));
  }
}
