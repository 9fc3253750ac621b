import { seriesNamed } from 'src/cpd/policy-series';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type Cursor from 'pg-cursor';
import { Calendar } from 'src/common/calendar';
import { csvField, csvRow } from 'src/common/csv';
import { addDays } from 'src/common/dates';
import type { RuntimeSettings } from 'src/config/settings';
import {
  CPD_RULES_DIGEST,
  cycleFrom,
  cycleYears,
  membershipCycleOn,
  membershipStandingOn,
  standingOn,
  withStandIn,
  policySeries,
  yearsJudgedAlikeThrough,
  standingWithCarryOver,
  versionInForce,
  type HeldCycle,
  type CpdCredit,
  type CpdCycle,
  type CpdStanding,
  type CpdPolicyRules,
} from 'src/cpd/cpd-rules';
import { CpdError } from 'src/cpd/cpd.errors';
import {
  CpdRepository,
  type ComplianceStreamRow,
  type PolicyHolders,
  type StandingToRemember,
} from 'src/cpd/cpd.repository';
import type { ComplianceResponse, ComplianceRow } from 'src/cpd/dto/cpd.dto';
import type { CpdPolicy } from 'src/cpd/entities/cpd-policy.entity';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { JobQueue } from 'src/database/job-queue';
import { allowJobWaits } from 'src/database/job-timeouts';
import { Transactions } from 'src/database/transactions';

/**
 * The work that keeps every policy's standings remembered: each night, as a process starts (a
 * release may change the arithmetic), and after a new version of a policy. One waits at most.
 */
export const REMEMBER_STANDINGS_QUEUE = 'cpd.remember-standings';

/** Holders worked out together: their credits are summed in one statement. */
const CHUNK = 1000;

/** This file's code, with the rules', makes a remembered figure: a release changing it forgets. */
const COMPLIANCE_DIGEST = createHash('sha256')
  .update(CPD_RULES_DIGEST)
  .update(readFileSync(__filename))
  .digest('hex');

interface Reading {
  code: string;
  versions: CpdPolicy[];
  counting: { yearlyDomains: string[]; cappedCategories: string[] };
  carriesOver: boolean;
  /** The credential types that may stand in for credits under some version of the policy. */
  standInTypes: string[];
  asOf: string;
  /** What a remembered standing must have been worked out under; '' where none is remembered. */
  revision: string;
  /** The writes of standings remembered so far, in turn. */
  remembering: Promise<void>;
  /** The writes not yet awaited by a chunk worked out after them. */
  queuedWrites: Promise<void>[];
  /** How many standings this reading worked out and remembered. */
  workedOut: number;
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

/** A holder behind on a policy whose cycle ends soon: what the CPD shortfall reminder says. */
export interface CpdShortfall {
  personId: string;
  policy: string;
  /** The credential whose cycle it is. */
  number: string;
  endsOn: string;
}

/** A holder of the stream, whose standing is remembered or to be worked out. */
interface Holder {
  personId: string;
  fullName: string;
  /** The credential number, or the member number: the report's order. */
  number: string;
  /** Bound by a credential (the number is its number), or by membership. */
  byCredential: boolean;
  /**
   * The cycle's facts as read: the credential's period, or the day membership began, and after a
   * group separator (chr 29) what the holder passed that may stand in for credits.
   */
  facts: string;
  /** Credentials the holder passed of the types that may stand in for credits. */
  passed: { typeCode: string; number: string; validFrom: string }[];
  credential?: HeldCycle;
  memberSince?: string;
}

/** Figures of a holder behind on a policy, as the compliance report gives them. */
interface Behind {
  policyVersion: string;
  startsOn: string;
  endsOn: string;
  required: number;
  counted: number;
  remaining: number;
  shortfalls: string[];
  domains: { domain: string; required: number; counted: number; remaining: number }[];
}

/**
 * A holder's standing in the report: whether they met the policy, and if not their figures as
 * CSV columns (remembered or worked out) and, where worked out now, as figures.
 */
interface Settled {
  holder: Holder;
  met: boolean;
  csvFigures: string | null;
  behind?: Behind;
}

/**
 * Who is behind on a CPD policy, with figures. Every holder the policy binds comes in one
 * streamed statement, in number order, with the standing remembered for them where it still
 * holds (same cycle, same credits, same policy versions and arithmetic, a day it holds for); the
 * others are worked out a thousand at a time, their credits summed in the database, and
 * remembered. A job remembers them before staff ask. A policy that carries credits over depends
 * on earlier cycles too, so its standings are always worked out afresh. What may stand in for
 * credits (an exam passed) comes with each holder, in the facts their standing is remembered by.
 */
@Injectable()
export class CpdComplianceService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CpdComplianceService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CpdRepository,
    private readonly credentials: CredentialsPort,
    private readonly calendar: Calendar,
    private readonly config: ConfigService<RuntimeSettings, true>,
    private readonly jobs: JobQueue,
  ) {
    jobs.declareWorker(
      REMEMBER_STANDINGS_QUEUE,
      async () => {
        const remembered = await this.rememberEveryPolicy();
        this.logger.log(`CPD standings remembered: ${JSON.stringify(remembered)}`);
      },
      'stately',
    );
    const at = config.get('dailyRunTime', { infer: true });
    if (at !== 'off') {
      const [hour, minute] = at.split(':').map(Number);
      jobs.declareSchedule(REMEMBER_STANDINGS_QUEUE, `${minute} ${hour} * * *`);
    }
  }

  /** A process that runs the daily jobs remembers what a release may have made it forget. */
  async onApplicationBootstrap(): Promise<void> {
    if (
      this.config.get('jobRunner', { infer: true }) &&
      this.config.get('dailyRunTime', { infer: true }) !== 'off'
    ) {
      await this.jobs.send(REMEMBER_STANDINGS_QUEUE);
    }
  }

  /**
   * Works out and remembers every holder's standing on every policy that is remembered (all but
   * those carrying credits over), so that staff asking for a report read it back: working a
   * million members' standings out takes a minute, reading them back seconds (bench/).
   */
  async rememberEveryPolicy(): Promise<{ policy: string; behind: number; workedOut: number }[]> {
    const policies = await this.repository.policies(this.transactions.reader);
    const remembered: { policy: string; behind: number; workedOut: number }[] = [];
    for (const versions of policySeries(policies.filter(bindsSomeone))) {
      const code = versions[0].code;
      const reading = this.readingFrom(versions);
      if (!reading.revision) continue;
      let behind = 0;
      for await (const chunk of this.settled(reading, false)) {
        behind += chunk.filter((one) => !one.met).length;
      }
      remembered.push({ policy: code, behind, workedOut: reading.workedOut });
    }
    // Tidying is a courtesy to the next report: an autovacuum holding the table already does it.
    if (remembered.some(({ workedOut }) => workedOut > 0)) {
      await this.transactions
        .upkeep(this.config.get('databaseTimeouts', { infer: true }), (db) =>
          this.repository.tidyRememberedStandings(db),
        )
        .catch((error: unknown) =>
          this.logger.warn(`Remembered CPD standings left to autovacuum: ${String(error)}`),
        );
    }
    return remembered;
  }

  async report(policyCode: string, limit = 100, profession?: string): Promise<ComplianceResponse> {
    const reading = await this.readingOf(policyCode, profession);
    const items: ComplianceRow[] = [];
    for await (const chunk of this.settled(reading, true)) {
      for (const settled of chunk) {
        const row = rowOf(settled);
        if (!row) continue;
        if (items.length === limit) {
          return { policy: policyCode, asOf: reading.asOf, items, truncated: true };
        }
        items.push(row);
      }
    }
    return { policy: policyCode, asOf: reading.asOf, items, truncated: false };
  }

  async csv(policyCode: string, profession?: string): Promise<Readable> {
    const settled = this.settled(await this.readingOf(policyCode, profession), false);
    // Rows leave a thousand holders at a time: a write to the socket per row cost more than
    // building the rows. Each line is encoded into the chunk's buffer as it is made: a chunk
    // joined into one string first was flattened, measured and encoded again on its way out,
    // a third of this process's time on the report (bench/).
    async function* chunks() {
      yield Buffer.from(csvRow(CSV_COLUMNS));
      for await (const chunk of settled) {
        const lines = chunk.filter((one) => !one.met).map(lineOf);
        if (lines.length) yield encoded(lines);
      }
    }
    return Readable.from(chunks());
  }

  /**
   * Holders of every policy that follows a credential who are behind today and whose cycle (the
   * credential's validity) ends by `lastDay`, a thousand at a time: what the CPD shortfall
   * reminder reads. The same pass as the report, remembered standings read back.
   */
  async *behindEndingBy(lastDay: string): AsyncGenerator<CpdShortfall[]> {
    const today = this.calendar.today();
    const policies = await this.repository.policies(this.transactions.reader);
    for (const versions of policySeries(policies.filter((policy) => policy.credentialTypeCode))) {
      const code = versions[0].code;
      // Only holders whose cycle ends by then are read: a quarter of them at a million members.
      const reading = this.readingFrom(versions);
      for await (const chunk of this.settled(reading, false, lastDay)) {
        const behind = chunk.flatMap(({ met, holder }) => {
          const endsOn = holder.credential?.validUntil;
          return !met && endsOn && endsOn >= today && endsOn <= lastDay
            ? [{ personId: holder.personId, policy: code, number: holder.number, endsOn }]
            : [];
        });
        if (behind.length) yield behind;
      }
    }
  }

  private async readingOf(policyCode: string, profession?: string): Promise<Reading> {
    const versions = seriesNamed(
      await this.repository.policies(this.transactions.reader),
      policyCode,
      profession,
    ).filter(bindsSomeone);
    if (!versions.length) {
      throw new CpdError(
        'cpd-policy-not-audited',
        `${policyCode} is no CPD policy that binds anyone: holders of a credential, or members`,
        { errors: [{ field: 'policy', message: 'policy names no policy with holders' }] },
      );
    }
    return this.readingFrom(versions);
  }

  /** How one policy's holders are read: its versions (of one profession's code) and today. */
  private readingFrom(versions: CpdPolicy[]): Reading {
    const carriesOver = versions.some(({ rules }) => (rules.carryOverCredits ?? 0) > 0);
    return {
      code: versions[0].code,
      versions,
      counting: {
        yearlyDomains: [
          ...new Set(versions.flatMap(({ rules }) => rules.yearlyMinimum?.domain ?? [])),
        ],
        cappedCategories: [
          ...new Set(
            versions.flatMap(({ rules }) => (rules.categoryCaps ?? []).map((cap) => cap.category)),
          ),
        ],
      },
      carriesOver,
      standInTypes: [
        ...new Set(
          versions.flatMap(({ rules }) =>
            (rules.standIns ?? []).map((it) => it.credentialTypeCode),
          ),
        ),
      ],
      asOf: this.calendar.today(),
      revision: carriesOver ? '' : policyRevision(versions),
      remembering: Promise.resolve(),
      queuedWrites: [],
      workedOut: 0,
    };
  }

  /**
   * Every holder in number order, a thousand at a time, each with their standing, in one read
   * transaction. For a page (JSON) the few behind are worked out again, for their figures.
   */
  private async *settled(
    reading: Reading,
    page: boolean,
    endingBy?: string,
  ): AsyncGenerator<Settled[]> {
    const runner = await this.transactions.begin();
    let cursor: Cursor<ComplianceStreamRow> | undefined;
    try {
      await allowJobWaits(runner.manager, this.config.get('databaseTimeouts', { infer: true }));
      cursor = await this.repository.complianceCursor(
        runner,
        holdersOf(reading.versions[0], reading.standInTypes, endingBy),
        { code: reading.code, revision: reading.revision },
        reading.asOf,
        page,
      );
      // Each chunk is settled while the one before it is written out. A chunk settling ahead is
      // awaited on the next turn; the catch only keeps an abandoned one from going unhandled.
      const ahead = (rows: ComplianceStreamRow[]) => {
        const settling = this.settle(reading, rows);
        settling.catch(() => undefined);
        return settling;
      };
      // The database reads the next thousand while this process settles and writes out the
      // ones before: on a loaded machine the two take turns on the cores instead of waiting.
      let nextRows = cursor.read(CHUNK);
      nextRows.catch(() => undefined);
      let previous: Promise<Settled[]> | undefined;
      for (;;) {
        const rows = await nextRows;
        if (!rows.length) break;
        nextRows = cursor.read(CHUNK);
        nextRows.catch(() => undefined);
        const next = ahead(rows);
        if (previous) yield await previous;
        previous = next;
      }
      if (previous) yield await previous;
      await reading.remembering;
    } finally {
      // Stopped early, what was worked out is still remembered; a failure there fails nothing.
      reading.remembering.catch(() => undefined);
      // The cursor is done with its connection (stopped early, a page of the report, it is
      // closed) before the transaction ends on it.
      if (cursor) await cursor.close().catch(() => undefined);
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /** A chunk of the stream settled: remembered standings as they are, the rest worked out. */
  private async settle(reading: Reading, rows: ComplianceStreamRow[]): Promise<Settled[]> {
    const settled: Settled[] = [];
    const toWorkOut: { index: number; holder: Holder }[] = [];
    for (const [number, fullName, personId, facts, workOut, met, figures] of rows) {
      const [cycleFacts, passed] = facts.split('\x1d');
      const holder: Holder = {
        personId,
        fullName,
        number,
        byCredential: reading.versions[0].credentialTypeCode !== null,
        facts,
        passed: passed
          ? passed.split('\x1e').map((entry) => {
              const [typeCode, passedNumber, validFrom] = entry.split('\x1f');
              return { typeCode, number: passedNumber, validFrom };
            })
          : [],
      };
      if (holder.byCredential) {
        const [validFrom, validUntil] = cycleFacts.split('|');
        holder.credential = {
          typeCode: reading.versions[0].credentialTypeCode!,
          number,
          validFrom,
          validUntil: validUntil || null,
        };
      } else {
        holder.memberSince = cycleFacts;
      }
      if (!workOut) {
        settled.push({ holder, met: met!, csvFigures: figures });
        continue;
      }
      toWorkOut.push({ index: settled.length, holder });
      settled.push({ holder, met: true, csvFigures: null });
    }
    if (toWorkOut.length) {
      for (const [index, standing] of await this.workOut(
        reading,
        toWorkOut.map(({ holder }) => holder),
      )) {
        settled[toWorkOut[index].index] = standing;
      }
    }
    return settled;
  }

  /**
   * Where holders stand, worked out from their credits summed in the database (credit by credit
   * where a category cap binds or credits carry over), and remembered. A holder the policy has no
   * version for on their cycle is left out.
   */
  private async workOut(reading: Reading, holders: Holder[]): Promise<Map<number, Settled>> {
    const { versions, counting, carriesOver, asOf } = reading;
    const obligations = holders.flatMap((holder, index) => {
      const current = holder.credential
        ? credentialCycle(versions, holder.credential)
        : membershipCycleOn(versions, holder.memberSince!, asOf);
      return current
        ? [{ index, holder, ...current, standing: undefined as CpdStanding | undefined }]
        : [];
    });
    const sums = await this.repository.creditSumsOfHolders(
      this.transactions.reader,
      obligations.map(({ holder, cycle }) => ({ personId: holder.personId, ...cycle })),
      asOf,
      counting,
    );
    const summed = new Array<CpdCredit[]>(obligations.length).fill([]);
    const revisions = new Array<{ revision: string; changesOn: string | null }>(obligations.length);
    for (const row of sums) {
      if (row.sums) summed[row.holder] = summedCredits(row.sums, obligations[row.holder].cycle);
      revisions[row.holder] = row;
    }
    // Where a category goes beyond its cap, which credits count depends on their order; where
    // the policy carries credits over, a holder behind may be made up by the cycle before.
    // Those few holders are read credit by credit, with their cycles before, as the transcript is.
    const exact = obligations.filter((obligation, index) => {
      if (exceedsCategoryCap(obligation.version.rules, summed[index])) return true;
      obligation.standing = withStandIn(
        standingOn(obligation.version.rules, obligation.cycle, summed[index], 0, asOf),
        obligation.version.rules,
        obligation.holder.passed,
      );
      return carriesOver && !obligation.standing.met;
    });
    if (exact.length) await this.readExactly(exact, versions, asOf);

    const settled = new Map<number, Settled>();
    const remembered: StandingToRemember[] = [];
    for (const [at, { index, holder, version, cycle, standing }] of obligations.entries()) {
      const behind = standing!.met ? null : behindOf(version, cycle, standing!);
      const csvFigures = behind && figuresCsv(behind);
      settled.set(index, { holder, met: standing!.met, csvFigures, behind: behind ?? undefined });
      const revision = revisions[at];
      if (reading.revision && revision) {
        const creditsHold = revision.changesOn ? addDays(revision.changesOn, -1) : cycle.endsOn;
        const yearsHold = yearsJudgedAlikeThrough(version.rules, cycle, asOf);
        const lastDay = creditsHold < yearsHold ? creditsHold : yearsHold;
        remembered.push({
          holderNumber: holder.number,
          personId: holder.personId,
          holderCycle: holder.facts,
          creditRevision: revision.revision,
          validThrough: lastDay < cycle.endsOn ? lastDay : cycle.endsOn,
          csvFigures,
        });
      }
    }
    // Remembered while the next thousand are worked out; one write at a time, awaited at the end.
    // Where the database writes slower than this process works out, a chunk waits for the write
    // two before its own: what waits to be written stays bounded, not a million standings.
    reading.remembering = reading.remembering.then(() =>
      this.repository.rememberStandings(
        this.transactions.reader,
        { code: reading.code, revision: reading.revision },
        asOf,
        remembered,
      ),
    );
    reading.workedOut += remembered.length;
    reading.queuedWrites.push(reading.remembering);
    if (reading.queuedWrites.length > 2) await reading.queuedWrites.shift()!.catch(() => undefined);
    return settled;
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
    const cycles = groupBy(
      await this.credentials.verifiedCyclesOf(this.transactions.reader, personIds, asOf),
    );
    for (const obligation of obligations) {
      const { personId, credential, memberSince } = obligation.holder;
      const standing = credential
        ? standingWithCarryOver(
            versions,
            credential,
            cycles.get(personId) ?? [],
            credits.get(personId) ?? [],
            asOf,
          )
        : membershipStandingOn(versions, memberSince!, asOf, credits.get(personId) ?? []);
      obligation.standing =
        standing &&
        withStandIn(
          standing,
          standing.version.rules,
          obligation.holder.passed,
          standing.version.professionId,
        );
    }
  }
}

/** Whom the policy binds, as its first version says (every version follows the same). */
function holdersOf(policy: CpdPolicy, standInTypes: string[], endingBy?: string): PolicyHolders {
  const { professionId } = policy;
  return policy.credentialTypeCode
    ? { credentialTypeCode: policy.credentialTypeCode, endingBy, standInTypes, professionId }
    : {
        membershipCategoryCode: policy.membershipCategoryCode,
        speciality: policy.speciality,
        standInTypes,
        professionId,
      };
}

/** A policy that follows a credential type, a category or a speciality: one with holders. */
function bindsSomeone(policy: CpdPolicy): boolean {
  return (policy.credentialTypeCode ?? policy.membershipCategoryCode ?? policy.speciality) !== null;
}

/**
 * The policy as a remembered standing was worked out under: its versions and this code. Any
 * change, a new version or a new release, and what was remembered no longer holds.
 */
function policyRevision(versions: CpdPolicy[]): string {
  return createHash('sha256')
    .update(COMPLIANCE_DIGEST)
    .update(
      JSON.stringify(
        versions.map((version) => [
          version.id,
          version.effectiveFrom,
          version.credentialTypeCode,
          version.membershipCategoryCode,
          version.speciality,
          version.rules,
        ]),
      ),
    )
    .digest('hex');
}

function behindOf(version: CpdPolicy, cycle: CpdCycle, standing: CpdStanding): Behind {
  return {
    policyVersion: version.effectiveFrom,
    startsOn: cycle.startsOn,
    endsOn: cycle.endsOn,
    required: standing.required,
    counted: standing.counted,
    remaining: standing.remaining,
    shortfalls: standing.shortfalls,
    domains: standing.domains.map(({ domain, required, counted, remaining }) => ({
      domain,
      required,
      counted,
      remaining,
    })),
  };
}

/** The CSV columns from policyVersion to shortfalls: remembered as they are written. */
function figuresCsv(behind: Behind): string {
  return [
    behind.policyVersion,
    behind.startsOn,
    behind.endsOn,
    behind.required,
    behind.counted,
    behind.remaining,
    behind.shortfalls.join('; '),
  ]
    .map(csvField)
    .join(',');
}

function holderCsv(holder: Holder): string {
  return [
    holder.byCredential ? holder.number : null,
    holder.byCredential ? null : holder.number,
    holder.fullName,
    holder.personId,
  ]
    .map(csvField)
    .join(',');
}

/** Lines as one UTF-8 buffer, encoded line by line (no character takes more than 3 bytes). */
function encoded(lines: string[]): Buffer {
  const buffer = Buffer.allocUnsafe(3 * lines.reduce((sum, line) => sum + line.length, 0));
  let length = 0;
  for (const line of lines) length += buffer.write(line, length);
  return buffer.subarray(0, length);
}

/** The CSV line of a holder behind. */
function lineOf(settled: Settled): string {
  return `${holderCsv(settled.holder)},${settled.csvFigures}\r\n`;
}

function rowOf(settled: Settled): ComplianceRow | undefined {
  if (settled.met) return undefined;
  const { personId, fullName, number, byCredential } = settled.holder;
  return {
    personId,
    fullName,
    credentialNumber: byCredential ? number : null,
    memberNumber: byCredential ? null : number,
    ...settled.behind!,
  };
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
