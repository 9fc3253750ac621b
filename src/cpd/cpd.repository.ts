import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import Cursor from 'pg-cursor';
import { type EntityManager, type QueryRunner, type SelectQueryBuilder } from 'typeorm';
import type { ScopeCondition } from 'src/auth/access';
import { CYCLE_YEAR_SQL } from 'src/cpd/cpd-rules';
import { CpdClaim } from 'src/cpd/entities/cpd-claim.entity';
import { CpdCreditRecord } from 'src/cpd/entities/cpd-credit.entity';
import { CpdPolicy } from 'src/cpd/entities/cpd-policy.entity';
import { CpdActivity } from 'src/cpd/entities/cpd-activity.entity';
import { CpdAudit, CpdAuditMember } from 'src/cpd/entities/cpd-audit.entity';
import { CpdProvider } from 'src/cpd/entities/cpd-provider.entity';
import { CREDENTIALS_READ_MODEL } from 'src/credentials/credentials.read-model';
import {
  CPD_READ_MODEL,
  type CreditRow,
  type PolicyRow,
  type TranscriptFacts,
} from 'src/cpd/cpd.read-model';
import { QuickReads } from 'src/database/quick-reads';
import { MEMBERSHIP_READ_MODEL } from 'src/membership/membership.read-model';

export type NewCpdClaim = Pick<
  CpdClaim,
  'personId' | 'title' | 'domain' | 'category' | 'earnedOn' | 'creditsClaimed'
>;
export type NewCpdCredit = Pick<
  CpdCreditRecord,
  | 'personId'
  | 'title'
  | 'domain'
  | 'category'
  | 'earnedOn'
  | 'credits'
  | 'source'
  | 'claimId'
  | 'activityId'
> &
  Partial<Pick<CpdCreditRecord, 'volunteerHoursId'>>;

/** Whom a policy binds: holders of a credential type, or members of a category or speciality. */
export type PolicyHolders = (
  | /** Holders of a credential type; with `endingBy`, only those whose credential ends by then. */
    { credentialTypeCode: string; endingBy?: string }
  | { membershipCategoryCode: string | null; speciality: string | null }
) & {
  /** Credential types whose passing may stand in for credits: each holder's come with them. */
  standInTypes: string[];
  /** The policy's profession: the types and categories read are those that hold for it. */
  professionId: string | null;
};

/**
 * A holder as the compliance stream gives them: their number, name and person, the facts their
 * cycle is worked from (`validFrom|validUntil` of a credential, or the day membership began),
 * whether they are to be worked out, and what was remembered: whether they met the policy, and
 * if not the figures as CSV columns.
 */
export type ComplianceStreamRow = [
  number: string,
  fullName: string,
  personId: string,
  facts: string,
  workOut: boolean,
  met: boolean | null,
  figures: string | null,
];

/** A standing to remember: where a holder stood, and what it holds for. */
export interface StandingToRemember {
  holderNumber: string;
  personId: string;
  /** The cycle's facts as the compliance stream gave them. */
  holderCycle: string;
  creditRevision: string;
  validThrough: string;
  csvFigures: string | null;
}

/** Room for the compliance stream's joins and sort of a million holders, in memory. */
const COMPLIANCE_WORK_MEM = '256MB';

@Injectable()
export class CpdRepository {
  constructor(private readonly quickReads: QuickReads) {}

  /**
   * Every holder a policy binds, by number, each with the standing remembered for them where it
   * still holds: for the same policy revision ($3), cycle, the person's current credit revision,
   * and a day ($1) it was worked out for. Holders remembered as meeting the policy are left out:
   * every reader of the stream wants those behind, most holders meet it, and a row not sent is
   * one not built into a line and dropped. One statement over the read models of credentials or
   * memberships, read through a cursor on the runner's connection a batch at a time, so a million
   * holders cost one pass and bounded memory. A holder is worked out where nothing remembered
   * holds, and for a page of the report (JSON) also where they are behind, whose figures it works
   * out again; the facts of their cycle come either way (a reminder reads when it ends). The
   * caller closes the cursor.
   */
  async complianceCursor(
    runner: QueryRunner,
    holders: PolicyHolders,
    policy: { code: string; revision: string },
    asOf: string,
    page: boolean,
  ): Promise<Cursor<ComplianceStreamRow>> {
    // What a holder passed that may stand in for credits follows their cycle's facts after a
    // group separator: a standing remembered before an exam was recorded no longer matches
    // them. A policy with nothing to stand in reads nothing more.
    const passed = (personColumn: string, typesPh: string) =>
      holders.standInTypes.length
        ? ` || chr(29) || coalesce(${CREDENTIALS_READ_MODEL.passedOfTypes(personColumn, typesPh, '$1', '$6')}, '')`
        : '';
    const [holdersSql, holderValues]: [string, unknown[]] =
      'credentialTypeCode' in holders
        ? [
            `SELECT "personId", "fullName", number,
                    "validFrom" || '|' || coalesce("validUntil", '')${passed('"personId"', '$7')} AS facts
               FROM (${CREDENTIALS_READ_MODEL.validOfType('$4', '$1', '$6')}) held
              WHERE $5::date IS NULL OR "validUntil"::date <= $5::date`,
            [holders.credentialTypeCode, holders.endingBy ?? null],
          ]
        : [
            `SELECT "personId", "fullName", "memberNumber" AS number,
                    "memberSince"${passed('"personId"', '$7')} AS facts
               FROM (${MEMBERSHIP_READ_MODEL.cpdMembers('$4', '$5', '$6')}) member`,
            [holders.membershipCategoryCode, holders.speciality],
          ];
    // Holders are sorted narrow (number, name, person, credit revision) and each then finds what
    // was remembered for them by its key: sorting a million rows with their figures spilled to
    // disk and took twice as long. The lookup is a lateral one row at most, so it is a nested
    // loop, which keeps the sorted order of its outer rows: a hash join chosen by the planner
    // scanned every remembered row instead and gave them back in its own order.
    const text = `SELECT h.number, h."fullName", h."personId"::text,
              h.facts, s.met IS ${page ? 'NOT TRUE' : 'NULL'}, s.met,
              ${page ? 'NULL' : 's.csv_figures'}
         FROM (SELECT held.*, coalesce(r.revision, 0) AS credit_revision
                 FROM (${holdersSql}) held
                 LEFT JOIN cpd_credit_revisions r ON r.person_id = held."personId"
                ORDER BY held.number) h
         LEFT JOIN LATERAL (
              SELECT remembered.met, remembered.csv_figures
                FROM cpd_remembered_standings remembered
               WHERE remembered.policy_code = $2 AND remembered.holder_number = h.number
                 AND remembered.person_id = h."personId" AND remembered.policy_revision = $3
                 AND remembered.holder_cycle = h.facts
                 AND remembered.credit_revision = h.credit_revision
                 AND $1::date BETWEEN remembered.computed_on AND remembered.valid_through
               LIMIT 1) s ON true
        WHERE s.met IS NOT TRUE
        ORDER BY h.number`;
    await runner.query(`SELECT set_config('work_mem', $1, true)`, [COMPLIANCE_WORK_MEM]);
    const client = (await runner.connect()) as PoolClient;
    return client.query(
      new Cursor<ComplianceStreamRow>(
        text,
        [
          asOf,
          policy.code,
          policy.revision,
          ...holderValues,
          holders.professionId,
          ...(holders.standInTypes.length ? [holders.standInTypes] : []),
        ],
        { rowMode: 'array' },
      ),
    );
  }

  /** Remembers standings worked out on `computedOn`, replacing what was remembered before. */
  async rememberStandings(
    manager: EntityManager,
    policy: { code: string; revision: string },
    computedOn: string,
    standings: StandingToRemember[],
  ): Promise<void> {
    if (!standings.length) return;
    await manager.query(
      `INSERT INTO cpd_remembered_standings
              (policy_code, holder_number, person_id, holder_cycle, policy_revision,
               credit_revision, computed_on, valid_through, met, csv_figures)
       SELECT $1, holder_number, person_id, holder_cycle, $2, credit_revision, $3, valid_through,
              csv_figures IS NULL, csv_figures
         FROM unnest($4::text[], $5::uuid[], $6::text[], $7::bigint[], $8::date[], $9::text[])
                AS s (holder_number, person_id, holder_cycle, credit_revision, valid_through,
                      csv_figures)
       ON CONFLICT (policy_code, holder_number) DO UPDATE
          SET person_id = excluded.person_id, holder_cycle = excluded.holder_cycle,
              policy_revision = excluded.policy_revision,
              credit_revision = excluded.credit_revision, computed_on = excluded.computed_on,
              valid_through = excluded.valid_through, met = excluded.met,
              csv_figures = excluded.csv_figures`,
      [
        policy.code,
        policy.revision,
        computedOn,
        standings.map((standing) => standing.holderNumber),
        standings.map((standing) => standing.personId),
        standings.map((standing) => standing.holderCycle),
        standings.map((standing) => standing.creditRevision),
        standings.map((standing) => standing.validThrough),
        standings.map((standing) => standing.csvFigures),
      ],
    );
  }

  /**
   * Tidies the remembered standings after many were written: the next report reads pages already
   * marked visible, not a million rows on their first visit beside an autovacuum.
   */
  async tidyRememberedStandings(manager: EntityManager): Promise<void> {
    await manager.query('VACUUM (ANALYZE) cpd_remembered_standings');
  }

  /** Every policy version, as plain rows rather than entities. */
  policies(manager: EntityManager): Promise<PolicyRow[]> {
    return manager.query<PolicyRow[]>(
      `SELECT ${CPD_READ_MODEL.policyColumns} FROM cpd_policies ORDER BY code, effective_from`,
    );
  }

  async transcriptFacts(
    manager: EntityManager,
    personId: string,
    asOf: string,
  ): Promise<TranscriptFacts> {
    const [facts] = await this.quickReads.prepared<TranscriptFacts>(
      manager,
      'cpd_transcript_facts',
      CPD_READ_MODEL.transcriptFacts('$2', '$1'),
      [asOf, personId],
    );
    return facts;
  }

  async insertPolicy(
    manager: EntityManager,
    values: Omit<CpdPolicy, 'id' | 'createdAt'>,
  ): Promise<CpdPolicy> {
    return manager.save(manager.create(CpdPolicy, values));
  }

  async insertClaim(manager: EntityManager, values: NewCpdClaim): Promise<string> {
    const { identifiers } = await manager.insert(CpdClaim, values);
    return identifiers[0].id as string;
  }

  findClaim(manager: EntityManager, id: string): Promise<CpdClaim | null> {
    return manager.findOneBy(CpdClaim, { id });
  }

  /** The claim, locked for a decision: concurrent deciders take their turn. */
  lockClaim(manager: EntityManager, id: string): Promise<CpdClaim | null> {
    return manager.findOne(CpdClaim, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateClaim(
    manager: EntityManager,
    id: string,
    values: Partial<Omit<CpdClaim, 'id' | 'personId' | 'person' | 'decidedBy'>>,
  ): Promise<void> {
    await manager.update(CpdClaim, { id }, values);
  }

  /** Owners of claims, for the access check before loading. */
  async ownersOfClaims(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows = await manager
      .createQueryBuilder(CpdClaim, 'claim')
      .select(['claim.id', 'claim.personId'])
      .where('claim.id IN (:...ids)', { ids })
      .getMany();
    return new Map(rows.map((claim) => [claim.id, claim.personId]));
  }

  claimsQuery(
    manager: EntityManager,
    filters: { personId?: string; status?: string },
    scope: ScopeCondition | null,
  ): SelectQueryBuilder<CpdClaim> {
    const qb = manager
      .createQueryBuilder(CpdClaim, 'claim')
      .orderBy('claim.submittedAt', 'DESC')
      .addOrderBy('claim.id', 'ASC');
    if (filters.personId) qb.andWhere('claim.personId = :personId', { personId: filters.personId });
    if (filters.status) qb.andWhere('claim.status = :status', { status: filters.status });
    if (scope) qb.andWhere(scope.sql, scope.parameters);
    return qb;
  }

  async insertCredit(manager: EntityManager, values: NewCpdCredit): Promise<void> {
    await manager.insert(CpdCreditRecord, values);
    await this.bumpCreditRevisions(manager, [values.personId]);
  }

  /**
   * Marks these people's credits changed, in the transaction that changes them: a standing
   * remembered at an older revision no longer holds. Rows are taken in one order, so rosters
   * recorded at once never wait on each other in a circle.
   */
  private async bumpCreditRevisions(manager: EntityManager, personIds: string[]): Promise<void> {
    if (!personIds.length) return;
    await manager.query(
      `INSERT INTO cpd_credit_revisions (person_id, revision)
       SELECT person_id, 1 FROM unnest($1::uuid[]) AS person_id
        GROUP BY person_id ORDER BY person_id
       ON CONFLICT (person_id) DO UPDATE SET revision = cpd_credit_revisions.revision + 1`,
      [personIds],
    );
  }

  async insertProvider(
    manager: EntityManager,
    values: Pick<CpdProvider, 'name' | 'apiKeyId' | 'accreditedFrom' | 'accreditedUntil'>,
  ): Promise<CpdProvider> {
    return manager.save(manager.create(CpdProvider, values));
  }

  providers(manager: EntityManager): Promise<CpdProvider[]> {
    return manager.find(CpdProvider, { order: { name: 'ASC', id: 'ASC' } });
  }

  findProvider(manager: EntityManager, id: string): Promise<CpdProvider | null> {
    return manager.findOneBy(CpdProvider, { id });
  }

  async insertActivity(
    manager: EntityManager,
    values: Omit<CpdActivity, 'id' | 'createdAt' | 'provider'>,
  ): Promise<CpdActivity> {
    return manager.save(manager.create(CpdActivity, values));
  }

  findActivity(manager: EntityManager, id: string): Promise<CpdActivity | null> {
    return manager.findOneBy(CpdActivity, { id });
  }

  /** The activity, locked while a roster is recorded: rosters sent at once count in turn. */
  lockActivity(manager: EntityManager, id: string): Promise<CpdActivity | null> {
    return manager.findOne(CpdActivity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async attendeesOf(manager: EntityManager, activityId: string): Promise<Set<string>> {
    const rows = await manager.find(CpdCreditRecord, {
      where: { activityId },
      select: { personId: true },
    });
    return new Set(rows.map((row) => row.personId));
  }

  /** Attendance credits; one already there for the person and activity is left as it is. */
  async insertAttendance(manager: EntityManager, rows: NewCpdCredit[]): Promise<number> {
    const recorded: string[] = [];
    // In slices, so a roster of thousands stays within a statement's parameters.
    for (let start = 0; start < rows.length; start += 1000) {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(CpdCreditRecord)
        .values(rows.slice(start, start + 1000))
        .orIgnore()
        .returning('person_id')
        .execute();
      recorded.push(...(result.raw as { person_id: string }[]).map((row) => row.person_id));
    }
    await this.bumpCreditRevisions(manager, recorded);
    return recorded.length;
  }

  /** The credits of many people counted on a day, for a report over them. */
  creditsOfPeople(manager: EntityManager, personIds: string[], asOf: string): Promise<CreditRow[]> {
    return personIds.length ? this.creditRows(manager, personIds, asOf) : Promise.resolve([]);
  }

  /**
   * Credits as plain rows: the transcript and the compliance report read them by the thousand,
   * and building entities for each cost more than the query (bench/).
   */
  private creditRows(
    manager: EntityManager,
    personIds: string[],
    asOf: string,
  ): Promise<CreditRow[]> {
    return manager.query<CreditRow[]>(
      `SELECT id, person_id AS "personId", title, domain, category, earned_on::text AS "earnedOn",
              credits::float8 AS credits, source
         FROM cpd_credits
        WHERE person_id = ANY($1::uuid[]) AND earned_on <= $2
          AND (removed_on IS NULL OR removed_on > $2)
        ORDER BY person_id, earned_on, id`,
      [personIds, asOf],
    );
  }

  /**
   * Each holder's credits of their cycle, summed in the database for the compliance report: by
   * domain, by category where a cap counts it, and by cycle year where a yearly minimum does, as
   * one `domain|category|year|credits,...` text a holder (year -1 where years are not counted;
   * null without credits). A million members' twenty million credits leave the database as a
   * million short rows. With each, in the same statement (so the same snapshot), the person's
   * credit revision and the first day after `asOf` a credit of theirs starts or stops counting
   * (null: none), which a standing remembered from these sums holds under.
   */
  creditSumsOfHolders(
    manager: EntityManager,
    holders: { personId: string; startsOn: string; endsOn: string }[],
    asOf: string,
    counting: { yearlyDomains: string[]; cappedCategories: string[] },
  ): Promise<
    { holder: number; sums: string | null; revision: string; changesOn: string | null }[]
  > {
    return manager.query(
      `WITH h AS (
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::date[]) WITH ORDINALITY
                  AS h (person_id, starts_on, ends_on, holder)),
       sums AS (
         SELECT holder,
                string_agg(domain || '|' || category || '|' || year || '|' || credits, ',') AS sums
           FROM (SELECT h.holder, c.domain,
                        CASE WHEN c.category = ANY($5::text[]) THEN c.category ELSE '' END
                          AS category,
                        CASE WHEN c.domain = ANY($4::text[])
                             THEN ${CYCLE_YEAR_SQL('c.earned_on', 'h.starts_on')} ELSE -1 END AS year,
                        sum(c.credits) AS credits
                   FROM h
                   JOIN cpd_credits c ON c.person_id = h.person_id
                    AND c.earned_on >= h.starts_on AND c.earned_on <= LEAST(h.ends_on, $6::date)
                  WHERE c.removed_on IS NULL OR c.removed_on > $6::date
                  GROUP BY 1, 2, 3, 4) grouped
          GROUP BY holder)
       SELECT h.holder::int - 1 AS holder, sums.sums,
              coalesce(r.revision, 0)::text AS revision,
              least((SELECT min(c.earned_on) FROM cpd_credits c
                      WHERE c.person_id = h.person_id AND c.earned_on > $6::date),
                    (SELECT min(c.removed_on) FROM cpd_credits c
                      WHERE c.person_id = h.person_id AND c.removed_on > $6::date))::text
                AS "changesOn"
         FROM h
         LEFT JOIN sums ON sums.holder = h.holder
         LEFT JOIN cpd_credit_revisions r ON r.person_id = h.person_id`,
      [
        holders.map((holder) => holder.personId),
        holders.map((holder) => holder.startsOn),
        holders.map((holder) => holder.endsOn),
        counting.yearlyDomains,
        counting.cappedCategories,
        asOf,
      ],
    );
  }

  async insertAudit(
    manager: EntityManager,
    values: Omit<CpdAudit, 'id' | 'drawnAt' | 'drawnBy'>,
    personIds: string[],
  ): Promise<string> {
    const audit = await manager.save(manager.create(CpdAudit, values));
    if (personIds.length) {
      await manager.insert(
        CpdAuditMember,
        personIds.map((personId) => ({ auditId: audit.id, personId })),
      );
    }
    return audit.id;
  }

  findAudit(manager: EntityManager, id: string): Promise<CpdAudit | null> {
    return manager.findOneBy(CpdAudit, { id });
  }

  auditMembers(manager: EntityManager, auditId: string): Promise<CpdAuditMember[]> {
    return manager.find(CpdAuditMember, { where: { auditId }, order: { personId: 'ASC' } });
  }

  lockAuditMember(
    manager: EntityManager,
    auditId: string,
    personId: string,
  ): Promise<CpdAuditMember | null> {
    return manager.findOne(CpdAuditMember, {
      where: { auditId, personId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async updateAuditMember(
    manager: EntityManager,
    auditId: string,
    personId: string,
    values: Pick<CpdAuditMember, 'outcome' | 'outcomeReason' | 'decidedAt'>,
  ): Promise<void> {
    await manager.update(CpdAuditMember, { auditId, personId }, values);
  }

  lockCredit(manager: EntityManager, id: string): Promise<CpdCreditRecord | null> {
    return manager.findOne(CpdCreditRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  lockVolunteeredCredit(
    manager: EntityManager,
    volunteerHoursId: string,
  ): Promise<CpdCreditRecord | null> {
    return manager.findOne(CpdCreditRecord, {
      where: { volunteerHoursId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findCredit(manager: EntityManager, id: string): Promise<CpdCreditRecord | null> {
    return manager.findOneBy(CpdCreditRecord, { id });
  }

  async removeCredit(
    manager: EntityManager,
    credit: Pick<CpdCreditRecord, 'id' | 'personId'>,
    values: Pick<CpdCreditRecord, 'removedOn' | 'removedReason' | 'removedInAuditId'>,
  ): Promise<void> {
    await manager.update(CpdCreditRecord, { id: credit.id }, values);
    await this.bumpCreditRevisions(manager, [credit.personId]);
  }

  /** Owners of credits, for the access check before loading. */
  async ownersOfCredits(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows = await manager.find(CpdCreditRecord, {
      where: ids.map((id) => ({ id })),
      select: { id: true, personId: true },
    });
    return new Map(rows.map((credit) => [credit.id, credit.personId]));
  }
}
