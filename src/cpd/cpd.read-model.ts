import { PROFESSIONS_READ_MODEL } from 'src/professions/professions.read-model';
import type { RemedialObligation } from 'src/cases/cases.read-model';
import { CASES_READ_MODEL } from 'src/cases/cases.read-model';
import type { CpdPolicy } from 'src/cpd/entities/cpd-policy.entity';
import { CREDENTIALS_READ_MODEL, type VerifiedCycle } from 'src/credentials/credentials.read-model';
import { MEMBERSHIP_READ_MODEL, type CpdMember } from 'src/membership/membership.read-model';

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

/** A policy version as read, with its profession's code. */
export type PolicyRow = CpdPolicy & { professionCode: string | null };

/** Everything a person's transcript (and so their CPD obligations) is worked from, as of a day. */
export interface TranscriptFacts {
  credits: Omit<CreditRow, 'personId'>[];
  policies: CpdPolicy[];
  cycles: VerifiedCycle[];
  member: CpdMember | null;
  remedials: RemedialObligation[];
}

const POLICY_COLUMNS = `id, code, profession_id AS "professionId",
       ${PROFESSIONS_READ_MODEL.codeOf('profession_id')} AS "professionCode", name,
       effective_from::text AS "effectiveFrom",
       credential_type_code AS "credentialTypeCode",
       membership_category_code AS "membershipCategoryCode", speciality, rules,
       created_at AS "createdAt"`;

/**
 * A transcript's facts in one statement (the person at `personPh`, the day at `dayPh`): its
 * credits and the policies here, and through their read models the person's credentials,
 * membership and remedial sanctions. Six statements a transcript were the most of its cost
 * (bench/).
 */
const transcriptFacts = (personPh: string, dayPh: string) => `SELECT
  (SELECT coalesce(json_agg(credit ORDER BY credit."earnedOn", credit.id), '[]'::json)
     FROM (SELECT id, title, domain, category, earned_on::text AS "earnedOn",
                  credits::float8 AS credits, source
             FROM cpd_credits
            WHERE person_id = ${personPh} AND earned_on <= ${dayPh}
              AND (removed_on IS NULL OR removed_on > ${dayPh})) credit) AS credits,
  (SELECT coalesce(json_agg(policy ORDER BY policy.code, policy."effectiveFrom"), '[]'::json)
     FROM (SELECT ${POLICY_COLUMNS} FROM cpd_policies) policy) AS policies,
  ${CREDENTIALS_READ_MODEL.verifiedCyclesJson(personPh, dayPh)} AS cycles,
  ${MEMBERSHIP_READ_MODEL.cpdMemberJson(personPh, dayPh)} AS member,
  ${CASES_READ_MODEL.remedialSanctionsJson(personPh)} AS remedials`;

/**
 * What other modules may read of CPD inside their own SQL: the standing reads a person's CPD
 * facts in the same statement as every other module's, one round trip where two were.
 */
export const CPD_READ_MODEL = {
  policyColumns: POLICY_COLUMNS,
  transcriptFacts,
  /** TranscriptFacts of the person at `personPh` on the day at `dayPh`, as one JSON object. */
  transcriptFactsJson: (personPh: string, dayPh: string) =>
    `(SELECT row_to_json(facts) FROM (${transcriptFacts(personPh, dayPh)}) facts)`,
} as const;
