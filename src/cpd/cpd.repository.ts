import { Injectable } from '@nestjs/common';
import { type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { ScopeCondition } from 'src/auth/access';
import { CASES_READ_MODEL, type RemedialObligation } from 'src/cases/cases.read-model';
import { CYCLE_YEAR_SQL } from 'src/cpd/cpd-rules';
import { CpdClaim } from 'src/cpd/entities/cpd-claim.entity';
import { CpdCreditRecord } from 'src/cpd/entities/cpd-credit.entity';
import { CpdPolicy } from 'src/cpd/entities/cpd-policy.entity';
import { CpdActivity } from 'src/cpd/entities/cpd-activity.entity';
import { CpdAudit, CpdAuditMember } from 'src/cpd/entities/cpd-audit.entity';
import { CpdProvider } from 'src/cpd/entities/cpd-provider.entity';
import { CREDENTIALS_READ_MODEL, type VerifiedCycle } from 'src/credentials/credentials.read-model';
import { preparedRead } from 'src/database/prepared-read';
import { MEMBERSHIP_READ_MODEL, type CpdMember } from 'src/membership/membership.read-model';

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
>;

/** A credit as the transcript and reports read it. */
export interface CreditRow {
  id: string;
  personId: string;
  title: string;
  domain: string;
  category: string;
  earnedOn: string;
  credits: number;
  source: string;
}

/** Everything a person's transcript is worked from, as of a day. */
export interface TranscriptFacts {
  credits: Omit<CreditRow, 'personId'>[];
  policies: CpdPolicy[];
  cycles: VerifiedCycle[];
  member: CpdMember | null;
  remedials: RemedialObligation[];
}

const POLICY_COLUMNS = `id, code, name, effective_from::text AS "effectiveFrom",
       credential_type_code AS "credentialTypeCode",
       membership_category_code AS "membershipCategoryCode", speciality, rules,
       created_at AS "createdAt"`;

/**
 * A transcript's facts in one statement ($1 the day, $2 the person): its credits and the policies
 * here, and through their read models the person's credentials, membership and remedial
 * sanctions. Six statements a transcript were the most of its cost (bench/).
 */
const TRANSCRIPT_FACTS = `SELECT
  (SELECT coalesce(json_agg(credit ORDER BY credit."earnedOn", credit.id), '[]'::json)
     FROM (SELECT id, title, domain, category, earned_on::text AS "earnedOn",
                  credits::float8 AS credits, source
             FROM cpd_credits
            WHERE person_id = $2 AND earned_on <= $1
              AND (removed_on IS NULL OR removed_on > $1)) credit) AS credits,
  (SELECT coalesce(json_agg(policy ORDER BY policy.code, policy."effectiveFrom"), '[]'::json)
     FROM (SELECT ${POLICY_COLUMNS} FROM cpd_policies) policy) AS policies,
  ${CREDENTIALS_READ_MODEL.verifiedCyclesJson('$2', '$1')} AS cycles,
  ${MEMBERSHIP_READ_MODEL.cpdMemberJson('$2')} AS member,
  ${CASES_READ_MODEL.remedialSanctionsJson('$2')} AS remedials`;

@Injectable()
export class CpdRepository {
  /** Every policy version, as plain rows rather than entities. */
  policies(manager: EntityManager): Promise<CpdPolicy[]> {
    return manager.query<CpdPolicy[]>(
      `SELECT ${POLICY_COLUMNS} FROM cpd_policies ORDER BY code, effective_from`,
    );
  }

  async transcriptFacts(
    manager: EntityManager,
    personId: string,
    asOf: string,
  ): Promise<TranscriptFacts> {
    const [facts] = await preparedRead<TranscriptFacts>(
      manager,
      'cpd_transcript_facts',
      TRANSCRIPT_FACTS,
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
    let inserted = 0;
    // In slices, so a roster of thousands stays within a statement's parameters.
    for (let start = 0; start < rows.length; start += 1000) {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(CpdCreditRecord)
        .values(rows.slice(start, start + 1000))
        .orIgnore()
        .returning('id')
        .execute();
      inserted += (result.raw as unknown[]).length;
    }
    return inserted;
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
   * one `domain|category|year|credits,...` text a holder (year -1 where years are not counted).
   * A million members' twenty million credits leave the database as a million short rows.
   */
  creditSumsOfHolders(
    manager: EntityManager,
    holders: { personId: string; startsOn: string; endsOn: string }[],
    asOf: string,
    counting: { yearlyDomains: string[]; cappedCategories: string[] },
  ): Promise<{ holder: number; sums: string }[]> {
    return manager.query(
      `SELECT holder::int - 1 AS holder,
              string_agg(domain || '|' || category || '|' || year || '|' || credits, ',') AS sums
         FROM (SELECT h.holder, c.domain,
                      CASE WHEN c.category = ANY($5::text[]) THEN c.category ELSE '' END AS category,
                      CASE WHEN c.domain = ANY($4::text[])
                           THEN ${CYCLE_YEAR_SQL('c.earned_on', 'h.starts_on')} ELSE -1 END AS year,
                      sum(c.credits) AS credits
                 FROM unnest($1::uuid[], $2::date[], $3::date[]) WITH ORDINALITY
                        AS h (person_id, starts_on, ends_on, holder)
                 JOIN cpd_credits c ON c.person_id = h.person_id
                  AND c.earned_on >= h.starts_on AND c.earned_on <= LEAST(h.ends_on, $6::date)
                WHERE c.removed_on IS NULL OR c.removed_on > $6::date
                GROUP BY 1, 2, 3, 4) sums
        GROUP BY holder`,
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

  findCredit(manager: EntityManager, id: string): Promise<CpdCreditRecord | null> {
    return manager.findOneBy(CpdCreditRecord, { id });
  }

  async removeCredit(
    manager: EntityManager,
    id: string,
    values: Pick<CpdCreditRecord, 'removedOn' | 'removedReason' | 'removedInAuditId'>,
  ): Promise<void> {
    await manager.update(CpdCreditRecord, { id }, values);
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
