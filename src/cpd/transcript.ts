import {
  bindsMember,
  followsCredential,
  policySeries,
  membershipStandingOn,
  standingOn,
  standingWithCarryOver,
  withStandIn,
  type CpdCredit,
  type CpdPolicyRules,
  type CpdStanding,
} from 'src/cpd/cpd-rules';
import type { CreditRow, TranscriptFacts } from 'src/cpd/cpd.read-model';
import type { ObligationResponse, TranscriptResponse } from 'src/cpd/dto/cpd.dto';

const figures = (standing: CpdStanding) => ({
  startsOn: standing.cycle.startsOn,
  endsOn: standing.cycle.endsOn,
  required: standing.required,
  counted: standing.counted,
  remaining: standing.remaining,
  surplus: standing.surplus,
  domains: standing.domains,
  years: standing.years,
  notCounted: standing.notCounted,
  met: standing.met,
  shortfalls: standing.shortfalls,
  toGo: standing.toGo,
  standIn: standing.standIn,
  carriedIn: standing.carriedIn,
  carriesOut: standing.carriesOut,
});

/**
 * A transcript worked from its facts: each obligation (a credential's cycle, a membership, a
 * remedial sanction) with the credits earned by `earnedBy` (all recorded where not given) and
 * any planned ones.
 */
export function transcriptFrom(
  facts: TranscriptFacts,
  personId: string,
  today: string,
  planned: Omit<CreditRow, 'personId'>[],
  earnedBy?: string,
): TranscriptResponse {
  const { credits: recorded, policies, cycles, member, remedials } = facts;
  const records: Omit<CreditRow, 'personId'>[] = [
    ...(earnedBy ? recorded.filter((credit) => credit.earnedOn <= earnedBy) : recorded),
    ...planned,
  ];
  const credits: CpdCredit[] = records.map(({ id, earnedOn, domain, category, credits }) => ({
    id,
    earnedOn,
    domain,
    category,
    credits,
  }));
  const obligations: ObligationResponse[] = [];
  for (const held of cycles.filter((cycle) => cycle.active)) {
    const following = policies.filter((policy) => followsCredential(policy, held));
    for (const versions of policySeries(following)) {
      const code = versions[0].code;
      const read = standingWithCarryOver(versions, held, cycles, credits, today);
      if (!read) continue;
      const standing = withStandIn(read, read.version.rules, cycles, read.version.professionId);
      obligations.push({
        kind: 'cycle',
        policy: code,
        policyVersion: standing.version.effectiveFrom,
        credentialType: held.typeCode,
        credentialNumber: held.number,
        memberNumber: null,
        caseId: null,
        carriedFrom: standing.carriedFrom,
        ...figures(standing),
      });
    }
  }
  if (member) {
    const binding = policies.filter((policy) => bindsMember(policy, member));
    for (const versions of policySeries(binding)) {
      const code = versions[0].code;
      const read = membershipStandingOn(versions, member.memberSince, today, credits);
      if (!read) continue;
      const standing = withStandIn(read, read.version.rules, cycles, read.version.professionId);
      obligations.push({
        kind: 'membership',
        policy: code,
        policyVersion: standing.version.effectiveFrom,
        credentialType: null,
        credentialNumber: null,
        memberNumber: member.memberNumber,
        caseId: null,
        carriedFrom: null,
        ...figures(standing),
      });
    }
  }
  // Remedial training counts credits of any domain between the decision and the due date.
  const domains = [
    ...new Map(
      policies.flatMap((policy) => policy.rules.domains).map((rule) => [rule.code, rule]),
    ).values(),
  ].map(({ code, name }) => ({ code, name }));
  for (const remedial of remedials) {
    const rules: CpdPolicyRules = { cycleMonths: 0, totalCredits: remedial.credits, domains };
    const cycle = { startsOn: remedial.startsOn, endsOn: remedial.dueOn };
    obligations.push({
      kind: 'remedial',
      policy: remedial.name,
      policyVersion: null,
      credentialType: null,
      credentialNumber: null,
      memberNumber: null,
      caseId: remedial.caseId,
      carriedFrom: null,
      ...figures(standingOn(rules, cycle, credits)),
    });
  }
  return {
    personId,
    asOf: today,
    obligations,
    credits: records.map(({ id, title, domain, category, earnedOn, credits, source }) => ({
      id,
      title,
      domain,
      category,
      earnedOn,
      credits,
      source,
    })),
  };
}
