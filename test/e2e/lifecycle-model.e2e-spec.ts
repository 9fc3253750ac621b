import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import type { Response } from 'supertest';
import { addDays, lastDayOfTerm } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { expectProblem, issueCredential } from 'test/support/factories';
import { WAIVED, lodgeComplaint, notifyRespondent } from 'test/support/cases';
import { Pipeline } from 'test/support/membership';

/**
 * The lifecycle across modules, driven at random: a member is admitted, pays, lapses, renews,
 * resigns and comes back, is suspended by staff and by ethics decisions (appealed or not),
 * while the calendar moves on. After every step the membership, the public answer, the verify
 * page, the VC status lists and the standing (today and on each day already past) must agree
 * with a simple model of the rules, history must never be rewritten, and nothing answers 5xx.
 *
 * The seed is fixed so CI runs the same sequences, as many as a minute holds; LIFECYCLE_SECONDS,
 * LIFECYCLE_RUNS and LIFECYCLE_SEED run longer, fewer or others. A failing sequence is shrunk by fast-check and printed, step by step.
 */
const RUNS = Number(process.env.LIFECYCLE_RUNS ?? 1000);
/** Sized to a minute: a loaded machine runs fewer sequences of the same seed, never a longer test. */
const SECONDS = Number(process.env.LIFECYCLE_SECONDS ?? 60);
const SEED = Number(process.env.LIFECYCLE_SEED ?? 20261207);
const MAX_STEPS = 16;

type Sanction =
  | { type: 'SKORSING'; months: number }
  | { type: 'PEMECATAN' }
  | { type: 'TEGURAN_LISAN' }
  | { type: 'TEGURAN_TERTULIS' }
  | { type: 'PEMBINAAN'; credits: number };

interface Model {
  today: string;
  coveredUntil: string;
  ended: 'resigned' | 'revoked' | null;
  /** The staff suspension not yet lifted, with its announced last day. */
  staff: { endsOn: string | null } | null;
  sanctionSuspensions: { startsOn: string; endsOn: string }[];
  certificateRevoked: boolean;
  certificateValidUntil: string;
  openCase: { id: string; stage: 'heard' | 'decided'; sanction: Sanction } | null;
  /** CPD credits on the member's record, removed ones left out. */
  credits: number;
  /** The last volunteer hours whose credit the member accepted, which a correction replaces. */
  lastHours: { id: string; hours: number; workedOn: string } | null;
  /** An admission today would clash with the period begun today (readmission waits a day). */
  admittedOn: string;
}

interface Observed {
  goodStanding: boolean | null;
  requirements: { requirement: string; met: boolean }[];
}

interface Real {
  membershipId: string;
  personId: string;
  doctor: SignedIn;
  certificate: { id: string; number: string };
  statusIndex: { revocation: number; suspension: number };
  /** The member as a volunteer of the program, once they applied. */
  volunteerId?: string;
  calendar: { restore(): void };
  /** The standing as last read on each day; a day once past must answer the same for ever. */
  standings: Map<string, Observed>;
  statusChanges: unknown[];
  suspensions: { source: string; startsOn: string; endsOn: string | null }[];
  log: string[];
}

describe('the lifecycle across modules, against a model', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let councillor: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;
  let category: { graceDays: number; periodMonths: number; renewalWindowDays: number };
  let coordinator: SignedIn;
  let programId: string;
  let steps = 0;
  const stepsOf = new Map<string, number>();

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn = admin) =>
    t.http().get(path).set('authorization', as.bearer);

  /** Every answer of the run is checked here first: no step may reach a 5xx. */
  const answered = (response: Response, real: Real, what: string): Response => {
    real.log.push(`${what} -> ${response.status}`);
    if (response.status >= 500) {
      throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response;
  };
  const expectAnswer = (response: Response, status: number, type?: string) => {
    if (type) return expectProblem(response, status, type);
    expect({
      status: response.status,
      body: response.status === status ? '' : response.body,
    }).toEqual({ status, body: '' });
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'ethics_officer');
    councillor = await loginAs(t, 'ethics_officer', 'Dewan Kehormatan Pusat');
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter()).id;
    category = (await pipeline.category('ORDINARY')) as unknown as typeof category;
    coordinator = await loginAs(t, 'volunteer_coordinator');
    const today = todayIn(t);
    const program = await post(
      '/volunteering/programs',
      {
        title: 'Bakti Sosial Sepanjang Tahun',
        description: 'Check-ups in the villages, every week',
        cause: 'Rural health',
        chapterId,
        place: 'Waingapu, Sumba Timur',
        startsOn: addDays(today, -10),
        endsOn: addDays(today, 3650),
        openTo: 'anyone',
      },
      coordinator,
    ).expect(201);
    programId = program.body.id as string;
  });
  afterAll(() => t.close());

  const statusOf = (model: Model): string => {
    if (model.ended) return model.ended;
    const holds = (endsOn: string | null) => endsOn === null || model.today <= endsOn;
    if (
      (model.staff && holds(model.staff.endsOn)) ||
      model.sanctionSuspensions.some((s) => s.startsOn <= model.today && model.today <= s.endsOn)
    ) {
      return 'suspended';
    }
    if (model.today <= model.coveredUntil) return 'active';
    return model.today <= addDays(model.coveredUntil, category.graceDays) ? 'grace' : 'lapsed';
  };
  const certificateStatusOf = (model: Model): string => {
    if (model.certificateRevoked) return 'revoked';
    if (
      model.sanctionSuspensions.some((s) => s.startsOn <= model.today && model.today <= s.endsOn)
    ) {
      return 'suspended';
    }
    return model.certificateValidUntil < model.today ? 'expired' : 'active';
  };

  const bitOf = async (purpose: 'revocation' | 'suspension', index: number, real: Real) => {
    const list = answered(
      await t.http().get(`/status/${purpose}/1`),
      real,
      `status list ${purpose}`,
    );
    expect(list.status).toBe(200);
    const encoded = list.body.credentialSubject.encodedList as string;
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
  };

  /** What every module says of the member now, checked against the model and against history. */
  const checkInvariants = async (model: Model, real: Real) => {
    expect(todayIn(t)).toBe(model.today);
    const membership = answered(await get(`/memberships/${real.membershipId}`), real, 'membership');
    expect(membership.status).toBe(200);
    const expected = statusOf(model);
    expect(membership.body.status).toBe(expected);
    // The register (its list, read in SQL) says what the record (read in TypeScript) says.
    const register = answered(
      await get(`/memberships?memberNumber=${membership.body.memberNumber}`),
      real,
      'register',
    );
    expect(register.status).toBe(200);
    expect(register.body.items.map((item: { status: string }) => item.status)).toEqual([expected]);

    // History is kept: earlier changes and suspensions stay as they were recorded.
    expect(membership.body.statusChanges.slice(0, real.statusChanges.length)).toEqual(
      real.statusChanges,
    );
    real.statusChanges = membership.body.statusChanges;
    const suspensions = (
      membership.body.suspensions as { source: string; startsOn: string; endsOn: string | null }[]
    ).map(({ source, startsOn, endsOn }) => ({ source, startsOn, endsOn }));
    expect(suspensions.slice(0, real.suspensions.length)).toEqual(real.suspensions);
    real.suspensions = suspensions;

    // The certificate: the public answer, the verify page and the VC status lists agree.
    const certificate = certificateStatusOf(model);
    const answer = answered(
      await t.http().get(`/public/credentials/${real.certificate.number}`),
      real,
      'public answer',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe(certificate);
    const page = answered(
      await t.http().get(`/verify/${real.certificate.number}`),
      real,
      'verify page',
    );
    expect(page.status).toBe(200);
    const verdict = {
      active: 'Valid.',
      expired: 'Expired.',
      suspended: 'Suspended.',
      revoked: 'Revoked.',
    }[certificate]!;
    expect(page.text).toContain(verdict);
    expect(await bitOf('revocation', real.statusIndex.revocation, real)).toBe(
      certificate === 'revoked',
    );
    expect(await bitOf('suspension', real.statusIndex.suspension, real)).toBe(
      certificate === 'suspended',
    );

    // CPD keeps every credit recorded.
    const transcript = answered(
      await get(`/cpd/transcript?personId=${real.personId}`),
      real,
      'transcript',
    );
    expect(transcript.status).toBe(200);
    expect(
      (transcript.body.credits as { credits: number }[]).reduce((sum, c) => sum + c.credits, 0),
    ).toBe(model.credits);

    // The standing today follows the membership; every day already past answers as it did.
    const standing = answered(await get(`/standing?personId=${real.personId}`), real, 'standing');
    expect(standing.status).toBe(200);
    const membershipMet = standing.body.requirements.find(
      (item: { requirement: string }) => item.requirement === 'membership',
    )?.met;
    expect(membershipMet).toBe(expected === 'active' || expected === 'grace');
    if (!['active', 'grace'].includes(expected)) expect(standing.body.goodStanding).toBe(false);
    real.standings.set(model.today, observed(standing.body));
    for (const [day, then] of real.standings) {
      if (day >= model.today) continue;
      const past = answered(
        await get(`/standing?personId=${real.personId}&asOf=${day}`),
        real,
        `standing on ${day}`,
      );
      expect({ day, ...observed(past.body) }).toEqual({ day, ...then });
    }
  };

  const observed = (body: Observed): Observed => ({
    goodStanding: body.goodStanding,
    requirements: body.requirements.map(({ requirement, met }) => ({ requirement, met })),
  });

  /** The member admitted as a volunteer of the program. */
  const volunteerOf = async (real: Real): Promise<string> => {
    const applied = answered(
      await post(`/volunteering/programs/${programId}/volunteers`, {}, real.doctor),
      real,
      'volunteer',
    );
    expectAnswer(applied, 201);
    expectAnswer(
      answered(
        await post(
          `/volunteering/volunteers/${applied.body.id}/decision`,
          { decision: 'approved' },
          coordinator,
        ),
        real,
        'admit volunteer',
      ),
      201,
    );
    return applied.body.id as string;
  };
  /** Hours logged by the volunteer and approved by the coordinator: the entry's id. */
  const approvedHours = async (real: Real, hours: object): Promise<string> => {
    const logged = answered(
      await post(`/volunteering/volunteers/${real.volunteerId}/hours`, hours, real.doctor),
      real,
      'log hours',
    );
    expectAnswer(logged, 201);
    expectAnswer(
      answered(
        await post(
          `/volunteering/hours/${logged.body.id}/decision`,
          { decision: 'approved' },
          coordinator,
        ),
        real,
        'approve hours',
      ),
      201,
    );
    return logged.body.id as string;
  };
  /** The member accepts the credit the entry proposes: the credits it adds. */
  const acceptProposal = async (real: Real, hoursId: string): Promise<number> => {
    const proposals = answered(
      await get('/volunteering/credit-proposals?pageSize=100', real.doctor),
      real,
      'proposals',
    );
    const proposal = (
      proposals.body.items as { id: string; hoursId: string; credits: number }[]
    ).find((item) => item.hoursId === hoursId)!;
    expectAnswer(
      answered(
        await post(
          `/volunteering/credit-proposals/${proposal.id}/decision`,
          { decision: 'accepted' },
          real.doctor,
        ),
        real,
        'accept credit',
      ),
      201,
    );
    return proposal.credits;
  };

  /** Pays whatever the member owes, as finance records it. */
  const payAll = async (real: Real) => {
    for (const invoice of await pipeline.invoicesOf(finance, real.personId)) {
      if (invoice.status === 'unpaid' || invoice.status === 'partly_paid') {
        await pipeline.pay(finance, invoice.id);
        real.log.push(`paid ${invoice.number}`);
      }
    }
  };

  abstract class Step implements fc.AsyncCommand<Model, Real> {
    abstract check(model: Readonly<Model>): boolean;
    abstract act(model: Model, real: Real): Promise<void>;
    async run(model: Model, real: Real): Promise<void> {
      real.log.push(`- ${this.toString()} on ${model.today}`);
      steps += 1;
      stepsOf.set(this.constructor.name, (stepsOf.get(this.constructor.name) ?? 0) + 1);
      await this.act(model, real);
      await checkInvariants(model, real);
    }
    abstract toString(): string;
  }

  class MoveCalendar extends Step {
    constructor(readonly days: number) {
      super();
    }
    check = () => true;
    act(model: Model, real: Real) {
      real.calendar.restore();
      model.today = addDays(model.today, this.days);
      real.calendar = moveCalendar(t, model.today);
      return Promise.resolve();
    }
    toString = () => `move the calendar ${this.days} days`;
  }

  class StaffSuspension extends Step {
    constructor(readonly days: number | null) {
      super();
    }
    check = (model: Readonly<Model>) => !model.ended && !model.staff;
    async act(model: Model, real: Real) {
      const endsOn = this.days === null ? null : addDays(model.today, this.days);
      const response = answered(
        await post(`/memberships/${real.membershipId}/status-changes`, {
          status: 'suspended',
          reason: 'Suspended by staff pending an inquiry',
          ...(endsOn ? { suspendedUntil: endsOn } : {}),
        }),
        real,
        'staff suspension',
      );
      expectAnswer(response, 201);
      model.staff = { endsOn };
    }
    toString = () => `staff suspend ${this.days === null ? 'until lifted' : `${this.days} days`}`;
  }

  class LiftStaffSuspension extends Step {
    check = (model: Readonly<Model>) => !model.ended && model.staff !== null;
    async act(model: Model, real: Real) {
      const holding = model.staff!.endsOn === null || model.today <= model.staff!.endsOn;
      const response = answered(
        await post(`/memberships/${real.membershipId}/status-changes`, {
          status: 'active',
          reason: 'The inquiry found nothing',
        }),
        real,
        'lift staff suspension',
      );
      if (holding) {
        expectAnswer(response, 201);
      } else {
        // Over on its own day: nothing of staff's is left to lift, and what else holds stays.
        expect([201, 409]).toContain(response.status);
      }
      model.staff = null;
    }
    toString = () => 'lift the staff suspension';
  }

  class Resign extends Step {
    check = (model: Readonly<Model>) => !model.ended;
    async act(model: Model, real: Real) {
      const response = answered(
        await post(
          `/memberships/${real.membershipId}/status-changes`,
          { status: 'resigned', reason: 'Leaving the profession' },
          real.doctor,
        ),
        real,
        'resign',
      );
      if (statusOf(model) === 'suspended') {
        // A suspension is served, not escaped: the member resigns once it ends.
        return expectAnswer(response, 409, 'membership-status-refused');
      }
      expectAnswer(response, 201);
      model.ended = 'resigned';
      model.staff = null;
    }
    toString = () => 'resign';
  }

  class Readmit extends Step {
    check = (model: Readonly<Model>) => model.ended !== null && model.today > model.admittedOn;
    async act(model: Model, real: Real) {
      const draft = answered(
        await post('/membership-applications', {
          personId: real.personId,
          categoryId: (await pipeline.category('ORDINARY')).id,
          chapterId,
        }),
        real,
        'apply again',
      );
      expectAnswer(draft, 201);
      if (draft.body.feeInvoiceId) await pipeline.pay(finance, draft.body.feeInvoiceId);
      const submitted = answered(
        await post(`/membership-applications/${draft.body.id}/submit`, {}),
        real,
        'submit',
      );
      if (model.ended === 'revoked') {
        // An expelled member is not readmitted: the application says why.
        expect(submitted.status).toBe(422);
        return;
      }
      expectAnswer(submitted, 200);
      answered(
        await post(`/membership-applications/${draft.body.id}/start-review`, {}),
        real,
        'review',
      );
      const approved = answered(
        await post(`/membership-applications/${draft.body.id}/approve`, {}),
        real,
        'approve',
      );
      expectAnswer(approved, 200);
      await payAll(real);
      model.ended = null;
      model.admittedOn = model.today;
      model.coveredUntil = addDays(lastDayOfTerm(model.today, category.periodMonths), 0);
    }
    toString = () => 'apply again and be admitted';
  }

  class Renew extends Step {
    check = () => true;
    async act(model: Model, real: Real) {
      const response = answered(
        await post('/renewals', { membershipId: real.membershipId }, real.doctor),
        real,
        'renew',
      );
      const opensOn = addDays(model.coveredUntil, -category.renewalWindowDays);
      const closesOn = addDays(model.coveredUntil, category.graceDays);
      if (model.ended) return expectAnswer(response, 409, 'renewal-not-renewable');
      if (model.today < opensOn || model.today > closesOn) {
        return expectAnswer(response, 409, 'renewal-window-closed');
      }
      expectAnswer(response, 201);
      let renewal = response.body as { id: string; status: string };
      if (renewal.status === 'submitted') {
        const decided = answered(
          await post(`/renewals/${renewal.id}/decision`, {
            decision: 'approved',
            reason: 'Renewed',
          }),
          real,
          'approve renewal',
        );
        if (decided.status !== 201) {
          // Refused only for a requirement the standing shows unmet; the request is then closed.
          expectAnswer(decided, 422, 'renewal-requirements-unmet');
          const standing = await get(`/standing?personId=${real.personId}`);
          expect(standing.body.renewalReady).toBe(false);
          expectAnswer(
            answered(
              await post(`/renewals/${renewal.id}/decision`, {
                decision: 'rejected',
                reason: 'Requirements unmet',
              }),
              real,
              'reject renewal',
            ),
            201,
          );
          return;
        }
        renewal = decided.body;
      }
      expect(renewal.status).toBe('approved');
      await payAll(real);
      model.coveredUntil = lastDayOfTerm(addDays(model.coveredUntil, 1), category.periodMonths);
    }
    toString = () => 'renew the membership';
  }

  class RecordCredits extends Step {
    constructor(readonly credits: number) {
      super();
    }
    check = () => true;
    async act(model: Model, real: Real) {
      const filed = answered(
        await post('/cpd/claims', {
          personId: real.personId,
          title: 'Seminar',
          domain: 'learning',
          category: 'seminar',
          earnedOn: model.today,
          credits: this.credits,
        }),
        real,
        'claim',
      );
      expectAnswer(filed, 201);
      expectAnswer(
        answered(
          await post(`/cpd/claims/${filed.body.id}/decision`, {
            decision: 'approved',
            reason: 'Certificate on file',
          }),
          real,
          'approve claim',
        ),
        200,
      );
      model.credits += this.credits;
    }
    toString = () => `record ${this.credits} CPD credits`;
  }

  /** Hours the member volunteered today, approved, and the credit they propose accepted. */
  class VolunteerHours extends Step {
    constructor(readonly hours: number) {
      super();
    }
    check = () => true;
    async act(model: Model, real: Real) {
      real.volunteerId ??= await volunteerOf(real);
      const entry = await approvedHours(real, { workedOn: model.today, hours: this.hours });
      model.credits += await acceptProposal(real, entry);
      model.lastHours = { id: entry, hours: this.hours, workedOn: model.today };
    }
    toString = () => `volunteer ${this.hours} hours`;
  }

  /** A correction of the last hours: their credit is removed, the corrected hours' accepted. */
  class CorrectHours extends Step {
    constructor(readonly hours: number) {
      super();
    }
    check = (model: Readonly<Model>) => model.lastHours !== null;
    async act(model: Model, real: Real) {
      const last = model.lastHours!;
      const entry = await approvedHours(real, {
        workedOn: last.workedOn,
        hours: this.hours,
        correctsId: last.id,
      });
      model.credits -= last.hours / 2;
      model.credits += await acceptProposal(real, entry);
      model.lastHours = { id: entry, hours: this.hours, workedOn: last.workedOn };
    }
    toString = () => `correct the last hours to ${this.hours}`;
  }

  class OpenCase extends Step {
    check = (model: Readonly<Model>) => model.openCase === null && model.ended !== 'revoked';
    async act(model: Model, real: Real) {
      const memberNumber = (await get(`/memberships/${real.membershipId}`)).body.memberNumber;
      const { caseId } = await lodgeComplaint(t, memberNumber);
      expectAnswer(
        answered(
          await post(`/cases/${caseId}/assignments`, { accountId: officer.accountId }),
          real,
          'assign',
        ),
        201,
      );
      for (const to of ['screening', 'investigation', 'hearing']) {
        if (to === 'hearing') await notifyRespondent(t, officer, caseId);
        expectAnswer(
          answered(
            await post(`/cases/${caseId}/moves`, { to, reason: `On to ${to}` }, officer),
            real,
            to,
          ),
          201,
        );
      }
      model.openCase = { id: caseId, stage: 'heard', sanction: { type: 'TEGURAN_TERTULIS' } };
    }
    toString = () => 'a complaint heard';
  }

  class Decide extends Step {
    constructor(readonly sanction: Sanction) {
      super();
    }
    check = (model: Readonly<Model>) => model.openCase?.stage === 'heard';
    async act(model: Model, real: Real) {
      const response = answered(
        await post(
          `/cases/${model.openCase!.id}/moves`,
          {
            to: 'decided',
            reason: 'Decided by the council',
            sanctions: [
              this.sanction.type === 'PEMBINAAN'
                ? { ...this.sanction, dueOn: addDays(model.today, 180) }
                : this.sanction,
            ],
          },
          officer,
        ),
        real,
        'decide',
      );
      expectAnswer(response, 201);
      model.openCase = { ...model.openCase!, stage: 'decided', sanction: this.sanction };
    }
    toString = () => `decide ${JSON.stringify(this.sanction)}`;
  }

  /** A decision becomes final, as decided or as an appeal quashed or changed it. */
  class MakeFinal extends Step {
    constructor(readonly appeal: 'none' | 'quashed' | 'reduced') {
      super();
    }
    check = (model: Readonly<Model>) => model.openCase?.stage === 'decided';
    async act(model: Model, real: Real) {
      const caseId = model.openCase!.id;
      let sanction: Sanction | null = model.openCase!.sanction;
      if (this.appeal === 'none') {
        expectAnswer(
          answered(
            await post(
              `/cases/${caseId}/moves`,
              { to: 'final', reason: 'No appeal', ...WAIVED },
              officer,
            ),
            real,
            'final',
          ),
          201,
        );
      } else {
        const lodged = answered(
          await post(`/cases/${caseId}/moves`, { to: 'appeal', reason: 'Appealed' }, officer),
          real,
          'appeal',
        );
        expectAnswer(lodged, 201);
        const appealId = lodged.body.appealCaseId as string;
        const move = (body: object) => post(`/cases/${appealId}/moves`, body, councillor);
        expectAnswer(
          answered(
            await post(`/cases/${appealId}/assignments`, { accountId: councillor.accountId }),
            real,
            'assign council',
          ),
          201,
        );
        expectAnswer(answered(await move({ to: 'hearing', reason: 'Heard' }), real, 'hear'), 201);
        sanction = this.appeal === 'quashed' ? null : { type: 'SKORSING', months: 3 };
        expectAnswer(
          answered(
            await move({
              to: 'appeal_decided',
              reason: 'Decided on appeal',
              ...(sanction
                ? { outcome: 'changed', sanctions: [sanction] }
                : { outcome: 'quashed' }),
            }),
            real,
            'appeal decided',
          ),
          201,
        );
        expectAnswer(
          answered(await move({ to: 'final', reason: 'Final' }), real, 'appeal final'),
          201,
        );
      }
      if (sanction?.type === 'PEMECATAN') {
        // The panel proposes a permanent removal; the Muktamar decides it, here upholding it.
        const decided = answered(await get(`/cases/${caseId}`), real, 'read the case');
        const removal = (decided.body.sanctions as { id: string; type: string }[]).find(
          (proposed) => proposed.type === 'PEMECATAN',
        )!;
        expectAnswer(
          answered(
            await post(
              `/cases/${caseId}/sanctions/${removal.id}/ruling`,
              { ruling: 'upheld', ruledOn: model.today, reference: 'Ketetapan Muktamar IDI' },
              officer,
            ),
            real,
            'muktamar',
          ),
          201,
        );
      }
      model.openCase = null;
      if (sanction?.type === 'SKORSING') {
        model.sanctionSuspensions.push({
          startsOn: model.today,
          endsOn: lastDayOfTerm(model.today, sanction.months),
        });
      }
      if (sanction?.type === 'PEMECATAN') {
        model.ended = 'revoked';
        model.staff = null;
        model.certificateRevoked = true;
      }
    }
    toString = () =>
      `make the decision final (${this.appeal === 'none' ? 'no appeal' : `appeal: ${this.appeal}`})`;
  }

  const sanctions: fc.Arbitrary<Sanction> = fc.oneof(
    fc.integer({ min: 3, max: 12 }).map((months) => ({ type: 'SKORSING' as const, months })),
    fc.constant({ type: 'PEMECATAN' as const }),
    fc.constant({ type: 'TEGURAN_LISAN' as const }),
    fc.constant({ type: 'TEGURAN_TERTULIS' as const }),
    fc.integer({ min: 2, max: 10 }).map((credits) => ({ type: 'PEMBINAAN' as const, credits })),
  );
  const decide = sanctions.map((sanction) => new Decide(sanction));
  const makeFinal = fc
    .constantFrom('none' as const, 'quashed' as const, 'reduced' as const)
    .map((appeal) => new MakeFinal(appeal));
  // A step whose turn has not come (no case to decide) is skipped: the steps of a case and of a
  // return are listed more than once, so sequences reach them as often as the others.
  const commands = fc.commands(
    [
      fc.integer({ min: 1, max: 200 }).map((days) => new MoveCalendar(days)),
      fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }).map((d) => new StaffSuspension(d)),
      fc.constant(new LiftStaffSuspension()),
      fc.constant(new LiftStaffSuspension()),
      fc.constant(new Resign()),
      fc.constant(new Readmit()),
      fc.constant(new Readmit()),
      fc.constant(new Readmit()),
      fc.constant(new Renew()),
      fc.integer({ min: 1, max: 5 }).map((credits) => new RecordCredits(credits)),
      fc.integer({ min: 1, max: 8 }).map((hours) => new VolunteerHours(hours)),
      fc.integer({ min: 1, max: 8 }).map((hours) => new CorrectHours(hours)),
      fc.constant(new OpenCase()),
      decide,
      decide,
      decide,
      makeFinal,
      makeFinal,
      makeFinal,
      makeFinal,
    ],
    { maxCommands: MAX_STEPS, size: 'max' },
  );

  /** A new member in good standing with a certificate issued here, and the model of them. */
  const admitted = async (run: number): Promise<{ model: Model; real: Real }> => {
    const { doctor, membershipId } = await pipeline.memberInGoodStanding(
      finance,
      chapterId,
      `dr. Urutan ${run}`,
    );
    const certificate = await issueCredential(t, registrar, doctor.personId!);
    const vc = await get(`/credentials/${certificate.id}/vc`).expect(200);
    const index = (purpose: string) =>
      Number(
        (vc.body.credentialStatus as { statusPurpose: string; statusListIndex: string }[]).find(
          (entry) => entry.statusPurpose === purpose,
        )!.statusListIndex,
      );
    const membership = (await get(`/memberships/${membershipId}`).expect(200)).body;
    const issued = (await get(`/credentials/${certificate.id}`).expect(200)).body;
    const today = todayIn(t);
    return {
      model: {
        today,
        coveredUntil: membership.coveredUntil,
        ended: null,
        staff: null,
        sanctionSuspensions: [],
        certificateRevoked: false,
        certificateValidUntil: issued.validUntil,
        openCase: null,
        credits: 0,
        lastHours: null,
        admittedOn: today,
      },
      real: {
        membershipId,
        personId: doctor.personId!,
        doctor,
        certificate,
        statusIndex: { revocation: index('revocation'), suspension: index('suspension') },
        calendar: { restore: () => undefined },
        standings: new Map(),
        statusChanges: membership.statusChanges,
        suspensions: [],
        log: [],
      },
    };
  };

  it(
    'keeps every module in agreement with the model, step after step',
    async () => {
      let run = 0;
      let current: Real | undefined;
      let failed = false;
      const deadline = Date.now() + SECONDS * 1000;
      await fc.assert(
        fc.asyncProperty(commands, async (sequence) => {
          // Past the minute, sequences are let through unrun (none is left running when the test
          // ends), unless one failed: then fast-check shrinks it to the smallest that fails.
          if (!failed && Date.now() > deadline) return;
          run += 1;
          const start = await admitted(run);
          current = start.real;
          try {
            await checkInvariants(start.model, start.real);
            await fc.asyncModelRun(() => start, sequence);
          } catch (error) {
            failed = true;
            // The steps as they ran, with each answer: what a reader needs beside the shrunk sequence.
            console.error(`Run ${run}:\n${start.real.log.join('\n')}`);
            throw error;
          } finally {
            current.calendar.restore();
          }
        }),
        {
          seed: SEED,
          numRuns: RUNS,
          verbose: 1,
        },
      );
      console.info(
        `lifecycle: ${run} sequences, ${steps} steps in ${SECONDS} s at most: ${[...stepsOf]
          .map(([name, count]) => `${name} ${count}`)
          .join(', ')}`,
      );
      expect(run).toBeGreaterThan(5);
    },
    (SECONDS + 120) * 1000,
  );
});
