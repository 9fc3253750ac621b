import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Calendar } from 'src/common/calendar';
import { csvRow } from 'src/common/csv';
import {
  cycleFrom,
  cycleYears,
  membershipCycleOn,
  membershipStandingOn,
  standingOn,
  standingWithCarryOver,
  versionInForce,
  type HeldCycle,
  type CpdCredit,
  type CpdCycle,
  type CpdStanding,
  type CpdPolicyRules,
} from 'src/cpd/cpd-rules';
import { CpdError } from 'src/cpd/cpd.errors';
import { CpdRepository } from 'src/cpd/cpd.repository';
import type { ComplianceResponse, ComplianceRow } from 'src/cpd/dto/cpd.dto';
import type { CpdPolicy } from 'src/cpd/entities/cpd-policy.entity';
import { CredentialsService } from 'src/credentials/credentials.service';
import { Transactions } from 'src/database/transactions';
import { MembershipsService } from 'src/membership/memberships.service';

const BATCH = 1000;
const CSV_CHUNK_ROWS = 500;

interface Reading {
  versions: CpdPolicy[];
  counting: { yearlyDomains: string[]; cappedCategories: string[] };
  carriesOver: boolean;
  asOf: string;
}
const CSV_COLUMNS = [
  'credentialNumber',
  'memberNumber',
  'fullName',
  'personId',
  'policyVersion',
  'startsOn',
  'endsOn',
  'required',
  'counted',
  'remaining',
  'shortfalls',
];

/**
 * Who is behind on a CPD policy, with figures: every holder of the credential it follows is read
 * a batch at a time, their credits summed in the database (one query per batch), so memory stays
 * bounded and little crosses the wire however many members there are.
 */
@Injectable()
export class CpdComplianceService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CpdRepository,
    private readonly credentials: CredentialsService,
    private readonly memberships: MembershipsService,
    private readonly calendar: Calendar,
  ) {}

  async report(policyCode: string, limit = 100): Promise<ComplianceResponse> {
    const asOf = this.calendar.today();
    const items: ComplianceRow[] = [];
    for await (const row of this.behind(await this.versionsOf(policyCode), asOf)) {
      if (items.length === limit) return { policy: policyCode, asOf, items, truncated: true };
      items.push(row);
    }
    return { policy: policyCode, asOf, items, truncated: false };
  }

  async csv(policyCode: string): Promise<Readable> {
    const versions = await this.versionsOf(policyCode);
    const behind = this.behind(versions, this.calendar.today());
    // Rows leave in chunks: a write to the socket per row cost more than building the rows.
    async function* chunks() {
      let chunk = csvRow(CSV_COLUMNS);
      let rows = 0;
      for await (const row of behind) {
        chunk += csvRow([
          row.credentialNumber,
          row.memberNumber,
          row.fullName,
          row.personId,
          row.policyVersion,
          row.startsOn,
          row.endsOn,
          row.required,
          row.counted,
          row.remaining,
          row.shortfalls.join('; '),
        ]);
        if (++rows % CSV_CHUNK_ROWS === 0) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
    }
    return Readable.from(chunks());
  }

  private async versionsOf(policyCode: string): Promise<CpdPolicy[]> {
    const versions = (await this.repository.policies(this.transactions.reader)).filter(
      (policy) =>
        policy.code === policyCode &&
        (policy.credentialTypeCode ?? policy.membershipCategoryCode ?? policy.speciality) !== null,
    );
    if (!versions.length) {
      throw new CpdError(
        'cpd-policy-not-audited',
        `${policyCode} is no CPD policy that binds anyone: holders of a credential, or members`,
        { errors: [{ field: 'policy', message: 'policy names no policy with holders' }] },
      );
    }
    return versions;
  }

  private async *behind(versions: CpdPolicy[], asOf: string): AsyncGenerator<ComplianceRow> {
    const counting = {
      yearlyDomains: [
        ...new Set(versions.flatMap(({ rules }) => rules.yearlyMinimum?.domain ?? [])),
      ],
      cappedCategories: [
        ...new Set(
          versions.flatMap(({ rules }) => (rules.categoryCaps ?? []).map((cap) => cap.category)),
        ),
      ],
    };
    const reading: Reading = {
      versions,
      counting,
      carriesOver: versions.some(({ rules }) => (rules.carryOverCredits ?? 0) > 0),
      asOf,
    };
    // A pipeline over two connections: the next holders are read while this batch's credits are
    // summed, and the next batch is summed while this one is written out. Each read-ahead is
    // awaited on the next turn; the catch only keeps an abandoned one from going unhandled.
    const ahead = <T>(promise: Promise<T>) => (promise.catch(() => undefined), promise);
    let holders = await this.holdersAfter(versions[0], asOf, '');
    let next = holders.length ? ahead(this.standingsOf(reading, holders)) : undefined;
    while (next) {
      const following = ahead(
        holders.length === BATCH
          ? this.holdersAfter(versions[0], asOf, holders.at(-1)!.number)
          : Promise.resolve([]),
      );
      const obligations = await next;
      holders = await following;
      next = holders.length ? ahead(this.standingsOf(reading, holders)) : undefined;
      for (const { holder, version, cycle, standing } of obligations) {
        if (standing!.met) continue;
        yield {
          personId: holder.personId,
          fullName: holder.fullName,
          credentialNumber: holder.credential ? holder.number : null,
          memberNumber: holder.credential ? null : holder.number,
          policyVersion: version.effectiveFrom,
          startsOn: cycle.startsOn,
          endsOn: cycle.endsOn,
          required: standing!.required,
          counted: standing!.counted,
          remaining: standing!.remaining,
          shortfalls: standing!.shortfalls,
          domains: standing!.domains.map(({ domain, required, counted, remaining }) => ({
            domain,
            required,
            counted,
            remaining,
          })),
        };
      }
    }
  }

  /** A batch of those the policy binds, each with where they stand. */
  private async standingsOf(reading: Reading, holders: Holder[]) {
    const { versions, counting, carriesOver, asOf } = reading;
    const obligations = holders.flatMap((holder) => {
      const current = holder.credential
        ? credentialCycle(versions, holder.credential)
        : membershipCycleOn(versions, holder.memberSince!, asOf);
      return current
        ? [{ holder, ...current, standing: undefined as CpdStanding | undefined }]
        : [];
    });
    const sums = await this.repository.creditSumsOfHolders(
      this.transactions.reader,
      obligations.map(({ holder, cycle }) => ({ personId: holder.personId, ...cycle })),
      asOf,
      counting,
    );
    const summed = new Array<CpdCredit[]>(obligations.length).fill([]);
    for (const row of sums) {
      summed[row.holder] = summedCredits(row.sums, obligations[row.holder].cycle);
    }
    // Where a category goes beyond its cap, which credits count depends on their order; where
    // the policy carries credits over, a holder behind may be made up by the cycle before.
    // Those few holders are read credit by credit, with their cycles before, as the transcript is.
    const exact = obligations.filter((obligation, index) => {
      if (exceedsCategoryCap(obligation.version.rules, summed[index])) return true;
      obligation.standing = standingOn(obligation.version.rules, obligation.cycle, summed[index]);
      return carriesOver && !obligation.standing.met;
    });
    if (exact.length) await this.readExactly(exact, versions, asOf);
    return obligations;
  }

  /** Holders of the credential the policy follows, or members of its category or speciality. */
  private async holdersAfter(policy: CpdPolicy, asOf: string, after: string): Promise<Holder[]> {
    if (policy.credentialTypeCode) {
      const held = await this.credentials.validOfTypeBatch(
        policy.credentialTypeCode,
        asOf,
        after,
        BATCH,
      );
      return held.map((credential) => ({
        personId: credential.personId,
        fullName: credential.fullName,
        number: credential.number,
        credential: { ...credential, typeCode: policy.credentialTypeCode! },
      }));
    }
    const members = await this.memberships.cpdMembers(
      {
        categoryCode: policy.membershipCategoryCode ?? undefined,
        speciality: policy.speciality ?? undefined,
      },
      asOf,
      after,
      BATCH,
    );
    return members.map((member) => ({
      personId: member.personId,
      fullName: member.fullName,
      number: member.memberNumber,
      memberSince: member.memberSince,
    }));
  }

  private async readExactly(
    obligations: { holder: Holder; standing?: CpdStanding }[],
    versions: CpdPolicy[],
    asOf: string,
  ): Promise<void> {
    const personIds = [...new Set(obligations.map(({ holder }) => holder.personId))];
    const credits = groupBy(
      await this.repository.creditsOfPeople(this.transactions.reader, personIds, asOf),
    );
    const cycles = groupBy(await this.credentials.verifiedCyclesOf(personIds, asOf));
    for (const obligation of obligations) {
      const { personId, credential, memberSince } = obligation.holder;
      obligation.standing = credential
        ? standingWithCarryOver(
            versions,
            credential,
            cycles.get(personId) ?? [],
            credits.get(personId) ?? [],
          )
        : membershipStandingOn(versions, memberSince!, asOf, credits.get(personId) ?? []);
    }
  }
}

/** Someone a policy binds: a credential's holder, or a member. */
interface Holder {
  personId: string;
  fullName: string;
  /** The credential number, or the member number: the report's order. */
  number: string;
  credential?: HeldCycle;
  memberSince?: string;
}

/** A credential's cycle: its validity, read under the version in force when it began. */
function credentialCycle(versions: CpdPolicy[], credential: HeldCycle) {
  const version = versionInForce(versions, credential.validFrom);
  if (!version) return undefined;
  const cycle = credential.validUntil
    ? { startsOn: credential.validFrom, endsOn: credential.validUntil }
    : cycleFrom(credential.validFrom, version.rules);
  return { cycle, version };
}

function groupBy<T extends { personId: string }>(rows: T[]): Map<string, T[]> {
  const byPerson = new Map<string, T[]>();
  for (const row of rows) {
    const list = byPerson.get(row.personId);
    if (list) list.push(row);
    else byPerson.set(row.personId, [row]);
  }
  return byPerson;
}

/**
 * A holder's summed credits as the arithmetic reads credits: one per domain, capped category and
 * cycle year, dated the first day of its year. The figures are the same as credit by credit's
 * wherever no category cap binds.
 */
function summedCredits(sums: string, cycle: CpdCycle): CpdCredit[] {
  const years = cycleYears(cycle);
  return sums.split(',').map((entry, index) => {
    const [domain, category, year, credits] = entry.split('|');
    return {
      id: String(index),
      domain,
      category,
      earnedOn: years[Number(year)]?.from ?? cycle.startsOn,
      credits: Number(credits),
    };
  });
}

function exceedsCategoryCap(rules: CpdPolicyRules, credits: CpdCredit[]): boolean {
  return (rules.categoryCaps ?? []).some(
    ({ category, capCredits }) =>
      credits
        .filter((credit) => credit.category === category)
        .reduce((sum, credit) => sum + credit.credits, 0) > capCredits,
  );
}
