import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { NOTHING_OWED_UP_TO_PERIOD_SQL } from 'src/membership/membership-rules';
import { MEMBERSHIP_READ_MODEL, type CpdMember } from 'src/membership/membership.read-model';
import { MembershipPeriod } from 'src/membership/entities/membership-period.entity';
import { MembershipSuspension } from 'src/membership/entities/membership-suspension.entity';
import { MembershipStatusChange } from 'src/membership/entities/membership-status-change.entity';
import { MembershipImport } from 'src/membership/entities/membership-import.entity';
import { Membership } from 'src/membership/entities/membership.entity';
import { SUMMARY_COLUMNS, SUMMARY_JOINS, type SummaryRow } from 'src/membership/membership-summary';

const IMPORT_LOCK_KEY = 'guildhall:membership-import';

/** What a running import names its session, with the rows read so far after it. */
const IMPORT_PROGRESS = 'guildhall import: rows read';

/** Queries of memberships, their periods, status changes and imports, named. */
@Injectable()
export class MembershipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The database session of the caller's transaction: its backend's pid and start. */
  async sessionOf(manager: EntityManager): Promise<{ pid: number; started: Date }> {
    const [session] = await manager.query<{ pid: number; started: Date }[]>(
      `SELECT pid, backend_start AS started FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
    );
    return session;
  }

  /** The latest runs, each running one with the rows its session has read so far. */
  async listRecentImports(limit: number, startedBy?: string): Promise<MembershipImport[]> {
    return this.withProgress(
      await this.dataSource.getRepository(MembershipImport).find({
        where: startedBy ? { startedByAccountId: startedBy } : {},
        order: { startedAt: 'DESC' },
        take: limit,
      }),
    );
  }

  async findImport(id: string): Promise<MembershipImport | null> {
    const run = await this.dataSource.getRepository(MembershipImport).findOneBy({ id });
    return run && (await this.withProgress([run]))[0];
  }

  /** Records a run on the run's connection before its transaction begins, so others see it. */
  startImport(
    manager: EntityManager,
    values: Pick<
      MembershipImport,
      'dryRun' | 'fileName' | 'startedByAccountId' | 'backendPid' | 'backendStart'
    >,
  ): Promise<MembershipImport> {
    return manager.getRepository(MembershipImport).save(values);
  }

  /** Writes a run's outcome, on the run's connection once its transaction has ended. */
  async updateImport(
    manager: EntityManager,
    id: string,
    values: Partial<Omit<MembershipImport, 'id' | 'startedBy'>>,
  ): Promise<void> {
    await manager.getRepository(MembershipImport).update(id, values);
  }

  /**
   * A running import's progress is its session's name, which every session sees at once
   * (pg_stat_activity), while the rows it writes stay in its transaction: no second connection.
   */
  async reportProgress(manager: EntityManager, rows: number): Promise<void> {
    await manager.query(`SELECT set_config('application_name', $1, false)`, [
      `${IMPORT_PROGRESS} ${rows}`,
    ]);
  }

  /** The run's connection goes back to the pool under its own name. */
  async forgetProgress(manager: EntityManager): Promise<void> {
    await manager.query('RESET application_name');
  }

  private async withProgress(runs: MembershipImport[]): Promise<MembershipImport[]> {
    const running = runs.filter((run) => run.status === 'running' && run.backendPid !== null);
    if (!running.length) return runs;
    const rows = await this.dataSource.query<{ id: string; rows: number }[]>(
      `SELECT i.id, substring(a.application_name FROM '^${IMPORT_PROGRESS} ([0-9]+)$')::int AS rows
         FROM membership_imports i
         JOIN pg_stat_activity a ON a.pid = i.backend_pid
                                AND date_trunc('milliseconds', a.backend_start) = i.backend_start
        WHERE i.id = ANY($1)`,
      [running.map((run) => run.id)],
    );
    const progress = new Map(rows.map((row) => [row.id, row.rows]));
    return runs.map((run) =>
      progress.get(run.id) ? { ...run, processedRows: progress.get(run.id)! } : run,
    );
  }

  /** Imports that write run one after another: a lock held until the caller's transaction ends. */
  async lockImports(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [IMPORT_LOCK_KEY]);
  }

  /**
   * Fails the runs whose database session has ended without them finishing: the process running
   * them died, and their transaction rolled back with it.
   */
  async failAbandonedImports(): Promise<void> {
    await this.dataSource.query(
      `UPDATE membership_imports i
          SET status = 'failed', processed_rows = 0, created = NULL, unchanged = NULL,
              finished_at = now(),
              failure_reason = 'The process running it stopped before it finished; nothing was written'
        WHERE i.status = 'running'
          AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                           WHERE a.pid = i.backend_pid
                             -- kept to the millisecond, as a JavaScript Date holds it
                             AND date_trunc('milliseconds', a.backend_start) = i.backend_start)`,
    );
  }

  /** Member numbers of these people, and the holders of these numbers, as one list. */
  memberNumbersOf(
    manager: EntityManager,
    personIds: string[],
    memberNumbers: string[],
  ): Promise<{ person_id: string; member_number: string }[]> {
    return manager.query<{ person_id: string; member_number: string }[]>(
      `SELECT person_id, member_number FROM memberships
        WHERE person_id = ANY($1) OR member_number = ANY($2)`,
      [personIds, memberNumbers],
    );
  }

  /** How many memberships there are, counted up to `cap`. */
  async countMembershipsUpTo(cap: number): Promise<number> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM (SELECT 1 FROM memberships LIMIT ${cap}) capped`,
    );
    return count;
  }

  /** A membership with its category, locked for a change. */
  findWithCategory(manager: EntityManager, id: string): Promise<Membership | null> {
    return manager.findOne(Membership, { where: { id }, relations: { category: true } });
  }

  lockWithCategory(manager: EntityManager, id: string): Promise<Membership | null> {
    return manager
      .getRepository(Membership)
      .createQueryBuilder('membership')
      .innerJoinAndSelect('membership.category', 'category')
      .where('membership.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['membership'])
      .getOne();
  }

  /** The person each of these records belongs to (access before load). */
  async ownersOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.getRepository(Membership).find({
      where: { id: In(ids) },
      select: { id: true, personId: true },
    });
    return new Map(rows.map((membership) => [membership.id, membership.personId]));
  }

  findMembership(manager: EntityManager, id: string): Promise<Membership | null> {
    return manager.findOneBy(Membership, { id });
  }

  findMembershipOfPerson(manager: EntityManager, personId: string): Promise<Membership | null> {
    return manager.findOne(Membership, { where: { personId }, relations: { category: true } });
  }

  lockMembershipOfPerson(manager: EntityManager, personId: string): Promise<Membership | null> {
    return manager.findOne(Membership, {
      where: { personId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Locks the membership a period belongs to: the first lock a payment of its dues takes. */
  async lockMembershipOfPeriod(manager: EntityManager, periodId: string): Promise<void> {
    await manager.query(
      `SELECT 1 FROM memberships m
        WHERE m.id = (SELECT p.membership_id FROM membership_periods p WHERE p.id = $1)
          FOR UPDATE OF m`,
      [periodId],
    );
  }

  async insertMembership(
    manager: EntityManager,
    values: Omit<Partial<Membership>, 'person' | 'chapter' | 'category' | 'application' | 'import'>,
  ): Promise<string> {
    const { identifiers } = await manager.insert(Membership, values);
    return identifiers[0].id as string;
  }

  async updateMembership(
    manager: EntityManager,
    id: string,
    values: Partial<
      Pick<
        Membership,
        | 'categoryId'
        | 'chapterId'
        | 'speciality'
        | 'coveredUntil'
        | 'applicationId'
        | 'listedInDirectory'
        | 'status'
        | 'statusReason'
        | 'statusChangedOn'
        | 'suspendedUntil'
      >
    >,
  ): Promise<void> {
    await manager.update(Membership, id, values);
  }

  async insertStatusChange(
    manager: EntityManager,
    values: Omit<MembershipStatusChange, 'id' | 'createdAt' | 'membership' | 'actor'>,
  ): Promise<void> {
    await manager.insert(MembershipStatusChange, values);
  }

  statusChangesOf(id: string): Promise<MembershipStatusChange[]> {
    return this.dataSource
      .getRepository(MembershipStatusChange)
      .find({ where: { membershipId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async personOfMemberNumber(manager: EntityManager, memberNumber: string): Promise<string | null> {
    const membership = await manager.findOne(Membership, {
      where: { memberNumber },
      select: { personId: true },
    });
    return membership?.personId ?? null;
  }

  /**
   * The profession of a membership, by its member number or (the latest membership of) its
   * person: the profession of its category.
   */
  async professionOfMembership(
    manager: EntityManager,
    by: { memberNumber: string } | { personId: string },
  ): Promise<string | null> {
    const [row] = await manager.query<{ profession_id: string | null }[]>(
      `SELECT c.profession_id
         FROM memberships m JOIN membership_categories c ON c.id = m.category_id
        WHERE ${'memberNumber' in by ? 'm.member_number = $1' : 'm.person_id = $1'}
        ORDER BY m.member_since DESC NULLS LAST, m.created_at DESC
        LIMIT 1`,
      ['memberNumber' in by ? by.memberNumber : by.personId],
    );
    return row?.profession_id ?? null;
  }

  async personsOfMemberNumbers(
    manager: EntityManager,
    memberNumbers: string[],
  ): Promise<Map<string, string>> {
    const rows = await manager.find(Membership, {
      where: { memberNumber: In(memberNumbers) },
      select: { memberNumber: true, personId: true },
    });
    return new Map(rows.map((row) => [row.memberNumber, row.personId]));
  }

  /**
   * Members in good standing on `asOf` (active or in grace) bound by a CPD policy of a category
   * or a speciality (matched without regard to case), a page at a time by member number.
   */
  cpdMembers(
    manager: EntityManager,
    filter: { categoryCode?: string; speciality?: string; professionId?: string | null },
    asOf: string,
    afterNumber: string,
    limit: number,
  ): Promise<CpdMember[]> {
    return manager.query(
      `${MEMBERSHIP_READ_MODEL.cpdMembers('$2', '$3', '$6')}
          AND m.member_number > $4
        ORDER BY m.member_number
        LIMIT $5`,
      [
        asOf,
        filter.categoryCode ?? null,
        filter.speciality ?? null,
        afterNumber,
        limit,
        filter.professionId ?? null,
      ],
    );
  }

  memberNumberTaken(manager: EntityManager, memberNumber: string): Promise<boolean> {
    return manager.existsBy(Membership, { memberNumber });
  }

  findPeriodStarting(
    manager: EntityManager,
    membershipId: string,
    admission: number,
    startsOn: string,
  ): Promise<MembershipPeriod | null> {
    return manager.findOneBy(MembershipPeriod, { membershipId, admission, startsOn });
  }

  insertPeriod(
    manager: EntityManager,
    values: Pick<
      MembershipPeriod,
      'membershipId' | 'categoryId' | 'admission' | 'startsOn' | 'endsOn' | 'grantedAt'
    >,
  ): Promise<MembershipPeriod> {
    return manager.save(manager.create(MembershipPeriod, values));
  }

  /** The membership's latest admission (0 before the first): its renewals belong to it. */
  async latestAdmission(manager: EntityManager, membershipId: string): Promise<number> {
    const [row] = await manager.query<{ admission: number }[]>(
      `SELECT coalesce(max(admission), 0)::int AS admission FROM membership_periods
        WHERE membership_id = $1`,
      [membershipId],
    );
    return row.admission;
  }

  /** The membership a period belongs to. */
  async membershipOfPeriod(manager: EntityManager, periodId: string): Promise<string> {
    const period = await manager.findOneByOrFail(MembershipPeriod, { id: periodId });
    return period.membershipId;
  }

  /** The membership's periods not yet granted: the ones it has not reached. */
  async ungrantedPeriodIds(manager: EntityManager, membershipId: string): Promise<string[]> {
    const periods = await manager.find(MembershipPeriod, {
      where: { membershipId, grantedAt: IsNull() },
      select: { id: true },
    });
    return periods.map((period) => period.id);
  }

  /** Grants the membership's periods whose dues, and all before them, are settled; the last end. */
  async grantSettledPeriods(manager: EntityManager, membershipId: string): Promise<string | null> {
    const granted = await manager.query<{ ends_on: string | null }[]>(
      `WITH granted AS (
         UPDATE membership_periods p SET granted_at = now()
          WHERE p.membership_id = $1 AND p.granted_at IS NULL AND ${NOTHING_OWED_UP_TO_PERIOD_SQL}
         RETURNING ends_on)
       SELECT max(ends_on)::text AS ends_on FROM granted`,
      [membershipId],
    );
    return granted[0]?.ends_on ?? null;
  }

  /**
   * Memberships brought in by a register import, each with one granted period (the cover the
   * register states, at most a term long) and its first status change.
   */
  async insertImported(
    manager: EntityManager,
    rows: {
      personId: string;
      memberNumber: string;
      categoryId: string;
      chapterId: string;
      speciality: string | null;
      status: string;
      memberSince: string;
      coveredUntil: string;
    }[],
    source: { reason: string; today: string; importId: string; actorAccountId: string | null },
  ): Promise<{ id: string; person_id: string }[]> {
    const inserted = await manager.query<{ id: string; person_id: string }[]>(
      `INSERT INTO memberships (person_id, member_number, category_id, chapter_id, speciality, status,
                                status_reason, status_changed_on, member_since, covered_until, import_id)
       SELECT person_id, member_number, category_id, chapter_id, speciality, status, $9, $10::date,
              member_since, covered_until, $11
         FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[], $5::varchar[], $6::varchar[],
                     $7::date[], $8::date[])
           AS r (person_id, member_number, category_id, chapter_id, speciality, status, member_since,
                 covered_until)
       RETURNING id, person_id`,
      [
        rows.map((r) => r.personId),
        rows.map((r) => r.memberNumber),
        rows.map((r) => r.categoryId),
        rows.map((r) => r.chapterId),
        rows.map((r) => r.speciality),
        rows.map((r) => r.status),
        rows.map((r) => r.memberSince),
        rows.map((r) => r.coveredUntil),
        source.reason,
        source.today,
        source.importId,
      ],
    );
    const ids = inserted.map((row) => row.id);
    await manager.query(
      `INSERT INTO membership_periods (membership_id, category_id, starts_on, ends_on, granted_at)
       SELECT m.id, m.category_id,
              greatest(m.member_since, (m.covered_until - make_interval(months => c.period_months))::date + 1),
              m.covered_until, now()
         FROM memberships m JOIN membership_categories c ON c.id = m.category_id
        WHERE m.id = ANY($1)`,
      [ids],
    );
    await manager.query(
      `INSERT INTO membership_status_changes (membership_id, from_status, to_status, reason, effective_on, actor_account_id)
       SELECT id, NULL, status, $2, $3::date, $4 FROM memberships WHERE id = ANY($1)`,
      [ids, source.reason, source.today, source.actorAccountId],
    );
    return inserted;
  }

  /** One membership as its record shows it, statuses read on `today`. */
  async detailRow(today: string, id: string) {
    const [row] = await this.dataSource.query<
      (SummaryRow & {
        status_reason: string | null;
        status_changed_on: string;
        suspended_until: string | null;
        listed_in_directory: boolean;
      })[]
    >(
      `SELECT ${SUMMARY_COLUMNS}, m.status_reason, m.status_changed_on::text,
              m.suspended_until::text, m.listed_in_directory
         FROM memberships m ${SUMMARY_JOINS}
        WHERE m.id = $2`,
      [today, id],
    );
    return row;
  }

  /** A membership's periods, oldest first, with whether each is granted. */
  periodsOf(id: string) {
    return this.dataSource.query<
      { id: string; starts_on: string; ends_on: string; code: string; granted: boolean }[]
    >(
      `SELECT p.id, p.starts_on::text, p.ends_on::text, c.code, p.granted_at IS NOT NULL AS granted
         FROM membership_periods p JOIN membership_categories c ON c.id = p.category_id
        WHERE p.membership_id = $1 ORDER BY p.starts_on`,
      [id],
    );
  }

  /**
   * The next member number of a scope (its prefix). The upsert locks the counter's row until the
   * transaction ends, so concurrent callers take turns; a rolled-back transaction gives its number
   * back, leaving no gap.
   */
  async nextMemberSequence(manager: EntityManager, scope: string): Promise<number> {
    const [{ value }] = await manager.query<{ value: string }[]>(
      `INSERT INTO membership_sequences (name, scope, last_value) VALUES ('member', $1, 1)
       ON CONFLICT (name, scope) DO UPDATE SET last_value = membership_sequences.last_value + 1
       RETURNING last_value AS value`,
      [scope],
    );
    return Number(value);
  }

  /** Every suspension kept of a membership, oldest first. */
  suspensionsOf(manager: EntityManager, membershipId: string): Promise<MembershipSuspension[]> {
    return manager.find(MembershipSuspension, {
      where: { membershipId },
      order: { startsOn: 'ASC', createdAt: 'ASC' },
    });
  }

  /** Keeps a suspension; one from a source record already kept is not kept twice (null). */
  async insertSuspension(
    manager: EntityManager,
    values: Pick<
      MembershipSuspension,
      'membershipId' | 'source' | 'sourceId' | 'reason' | 'startsOn' | 'endsOn'
    >,
  ): Promise<MembershipSuspension | null> {
    const rows = await manager.query<{ id: string; createdAt: Date }[]>(
      `INSERT INTO membership_suspensions (membership_id, source, source_id, reason, starts_on, ends_on)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (membership_id, source_id) WHERE source_id IS NOT NULL DO NOTHING
       RETURNING id, created_at AS "createdAt"`,
      [
        values.membershipId,
        values.source,
        values.sourceId,
        values.reason,
        values.startsOn,
        values.endsOn,
      ],
    );
    return rows[0] ? { ...values, ...rows[0], liftedOn: null, liftReason: null } : null;
  }

  /** Lifts these kept suspensions on a day, with the reason; the announced end is kept. */
  async liftSuspensions(
    manager: EntityManager,
    ids: string[],
    liftedOn: string,
    liftReason: string,
  ): Promise<void> {
    if (ids.length) {
      await manager.update(MembershipSuspension, { id: In(ids) }, { liftedOn, liftReason });
    }
  }

  /** A person's membership with its category, locked for a change; null for someone with none. */
  lockMembershipOfPersonWithCategory(
    manager: EntityManager,
    personId: string,
  ): Promise<Membership | null> {
    return manager
      .getRepository(Membership)
      .createQueryBuilder('membership')
      .innerJoinAndSelect('membership.category', 'category')
      .where('membership.person_id = :personId', { personId })
      .setLock('pessimistic_write', undefined, ['membership'])
      .getOne();
  }
}
