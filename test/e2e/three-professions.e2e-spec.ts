import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { lodgeComplaint, notifyRespondent, WAIVED } from 'test/support/cases';
import {
  credentialTypeIds,
  expectFieldErrors,
  recordVerifiedCredential,
} from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

interface Member {
  profession: string;
  account: SignedIn;
  membershipId: string;
  memberNumber: string;
  /** The profession's written reprimand, and one of another profession's it must refuse. */
  reprimand: string;
  foreignSanction: string;
  /** The engineer's registration (STRI) number. */
  registration?: string;
}

/**
 * Doctors (idi), advocates (peradi) and engineers (pii) in one deployment, each pack loaded
 * beside the others: one person of each is admitted, sanctioned and renewed under their own
 * profession's rules, and no item of one profession touches another.
 */
describe('three professions in one deployment', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;
  let types: Record<string, string>;
  const members: Record<string, Member> = {};

  const post = poster(
    () => t,
    () => registrar,
  );
  const get = (path: string, as: SignedIn = admin) =>
    t.http().get(path).set('authorization', as.bearer).expect(200);

  const qualify = async (personId: string, degree: string, field: string, graduated: string) => {
    const school = await post('/institutions', {
      name: `Universitas ${field} ${personId.slice(0, 6)}`,
      country: 'ID',
      accreditationStatus: 'accredited',
    }).expect(201);
    const qualification = await post('/qualifications', {
      personId,
      institutionId: school.body.id,
      degree,
      field,
      graduationDate: graduated,
      diplomaNumber: `D-${personId.slice(0, 8)}-${degree}`,
    }).expect(201);
    await post(`/qualifications/${qualification.body.id}/review`, {
      decision: 'verified',
      method: 'registry_lookup',
      sourceReference: 'PDDikti',
    }).expect(200);
  };

  const pledge = async (personId: string, profession: string) => {
    const code = await t.http().get('/ethics/codes/current').query({ profession }).expect(200);
    await post('/ethics/pledges', { codeVersionId: code.body.id, personId }).expect(201);
  };

  /** Applies in the category, fee paid, approved, every invoice paid. */
  const admit = async (
    account: SignedIn,
    category: string,
  ): Promise<{ membershipId: string; memberNumber: string }> => {
    const applicationId = await pipeline.applicationUnderReview(
      finance,
      account.personId!,
      chapterId,
      category,
    );
    const approved = await post(`/membership-applications/${applicationId}/approve`, {}).expect(
      200,
    );
    for (const invoice of await pipeline.invoicesOf(finance, account.personId!)) {
      if (invoice.status !== 'paid') await pipeline.pay(finance, invoice.id);
    }
    const membership = await get(`/memberships/${approved.body.membershipId}`);
    return { membershipId: membership.body.id, memberNumber: membership.body.memberNumber };
  };

  beforeAll(async () => {
    t = await createTestApp({ unconfigured: true, settings: { seedPack: 'idi' } });
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter('BDG')).id;
  });
  afterAll(() => t.close());

  it('loads the advocates and the engineers beside the doctors, taking over nothing', async () => {
    for (const pack of ['peradi', 'pii']) {
      const loaded = await t
        .http()
        .post(`/seed-packs/${pack}/load`)
        .set('authorization', admin.bearer)
        .send({})
        .expect(200);
      // Everything the pack names is its own, created: nothing of another profession kept.
      expect(Object.values(loaded.body.kept).flat()).toEqual([]);
    }
    expect((await get('/professions')).body.map((p: { code: string }) => p.code).sort()).toEqual([
      'ADVOKAT',
      'DOKTER',
      'INSINYUR',
    ]);
    for (const [profession, version] of [
      ['DOKTER', 'KODEKI-2012'],
      ['ADVOKAT', 'KEAI-2002'],
      ['INSINYUR', 'CATUR-KARSA-SAPTA-DHARMA'],
    ]) {
      const current = await t.http().get('/ethics/codes/current').query({ profession });
      expect(current.body.version).toBe(version);
    }
    types = await credentialTypeIds(t, admin);
  });

  it('admits a doctor under the doctors’ rules', async () => {
    const account = await loginAs(t, 'member', 'dr. Tiga Profesi');
    await qualify(account.personId!, 'Dokter', 'Pendidikan Dokter', '2015-08-29');
    await pipeline.register(account.personId!);
    await pledge(account.personId!, 'DOKTER');
    members.DOKTER = {
      profession: 'DOKTER',
      account,
      ...(await admit(account, 'ORDINARY')),
      reprimand: 'TEGURAN_TERTULIS',
      foreignSanction: 'PEMBEKUAN',
    };
    expect(members.DOKTER.memberNumber).toMatch(/^BDG-\d{4}-000001$/);
  });

  it('admits an advocate under UU 18/2003, with the card that carries the member number', async () => {
    const account = await loginAs(t, 'member', 'Advokat Tiga Profesi');
    const personId = account.personId!;
    await t
      .http()
      .patch(`/people/${personId}`)
      .set('authorization', registrar.bearer)
      .send({ birthDate: '1994-03-14' })
      .expect(200);
    await qualify(personId, 'S.H.', 'Ilmu Hukum', '2018-08-29');
    for (const code of ['PKPA', 'UPA']) {
      await post('/credentials/issue', { personId, credentialTypeId: types[code] }).expect(201);
    }
    for (const [code, daysAgo] of [
      ['MAGANG', 800],
      ['BAS', 10],
    ] as const) {
      await recordVerifiedCredential(t, registrar, {
        personId,
        credentialTypeId: types[code],
        validFrom: addDays(todayIn(t), -daysAgo),
      });
    }
    for (const code of ['NOT_CIVIL_SERVANT', 'NO_CONVICTION']) {
      const declared = await post(`/people/${personId}/declarations`, {
        code,
        statement: `Declared: ${code}`,
        evidence: 'Signed statement on stamped paper',
      }).expect(201);
      await post(`/people/${personId}/declarations/${declared.body.id}/check`, {
        outcome: 'confirmed',
        method: 'Registers consulted',
      }).expect(201);
    }
    await post(`/people/${personId}/acts`, {
      code: 'PENGANGKATAN',
      decidedOn: addDays(todayIn(t), -20),
      reference: 'SK DPN PERADI No. 9/PENG/2026',
      text: 'Appointed an advocate',
    }).expect(201);
    await pledge(personId, 'ADVOKAT');
    members.ADVOKAT = {
      profession: 'ADVOKAT',
      account,
      ...(await admit(account, 'ADVOKAT')),
      reprimand: 'TEGURAN_TERTULIS',
      foreignSanction: 'PERINGATAN_TERTULIS',
    };
    const card = await t
      .http()
      .get(`/public/credentials/${members.ADVOKAT.memberNumber}`)
      .expect(200);
    expect(card.body).toMatchObject({ status: 'active', credentialType: { code: 'KTPA' } });
  });

  it('admits an engineer with Ir., a grade by experience and a registration in a discipline, and upgrades the grade', async () => {
    const account = await loginAs(t, 'member', 'Ir. Tiga Profesi');
    const personId = account.personId!;
    await qualify(personId, 'Ir.', 'Program Profesi Insinyur', '2017-09-01');
    // Eight years of practice with two employers, added up.
    const today = todayIn(t);
    for (const [from, until] of [
      [addDays(today, -8 * 365), addDays(today, -4 * 365)],
      [addDays(today, -4 * 365 + 1), null],
    ]) {
      const recorded = await post('/credentials/record', {
        personId,
        credentialTypeId: types.PENGALAMAN_INSINYUR,
        number: `PGL-${from}`,
        issuingAuthority: 'PT Rekayasa Nusantara',
        validFrom: from,
        ...(until ? { validUntil: until } : {}),
      }).expect(201);
      await post(`/credentials/${recorded.body.id}/review`, {
        decision: 'verified',
        method: 'issuer_confirmation',
        sourceReference: 'HR letter',
      }).expect(200);
    }
    const ipp = await post('/credentials/issue', {
      personId,
      credentialTypeId: types.IPP,
    }).expect(201);
    const stri = await post('/credentials/issue', {
      personId,
      credentialTypeId: types.STRI,
      speciality: 'SIPIL',
    }).expect(201);
    expect(stri.body.number).toMatch(/^STRI-SIPIL-\d{4}-000001$/);
    const ipm = await post('/credentials/issue', {
      personId,
      credentialTypeId: types.IPM,
      supersedes: ipp.body.id,
    }).expect(201);
    await pledge(personId, 'INSINYUR');
    members.INSINYUR = {
      profession: 'INSINYUR',
      account,
      ...(await admit(account, 'ANGGOTA_BIASA')),
      reprimand: 'PERINGATAN_TERTULIS',
      foreignSanction: 'TEGURAN_TERTULIS',
      registration: stri.body.number,
    };
    expect(members.INSINYUR.memberNumber).toMatch(/^PII-\d{4}-000001$/);
    const standing = await get('/standing', account);
    expect(standing.body).toMatchObject({ goodStanding: true });
    const held = standing.body.requirements.map((r: { requirement: string }) => r.requirement);
    expect(held).toEqual(expect.arrayContaining(['credential:IPM', 'credential:STRI']));
    expect(held).not.toContain('credential:IPP');
    const public_ = await t.http().get(`/public/credentials/${ipp.body.number}`).expect(200);
    expect(public_.body).toMatchObject({ status: 'superseded', supersededBy: ipm.body.number });
  });

  it('sanctions each under their own profession’s procedure and sanction types alone', async () => {
    for (const member of Object.values(members)) {
      const { caseId } = await lodgeComplaint(t, member.memberNumber, 'Misled a client');
      for (const to of ['screening', 'investigation', 'hearing']) {
        if (to === 'hearing') await notifyRespondent(t, admin, caseId);
        await post(`/cases/${caseId}/moves`, { to, reason: `On to ${to}` }, admin).expect(201);
      }
      // Another profession's sanction is not this case's to impose.
      expectFieldErrors(
        await post(
          `/cases/${caseId}/moves`,
          { to: 'decided', reason: 'Decided', sanctions: [{ type: member.foreignSanction }] },
          admin,
        ),
        [
          {
            field: 'sanctions[0].type',
            message: `sanctions[0].type: no sanction type ${member.foreignSanction} is in use`,
          },
        ],
      );
      await post(
        `/cases/${caseId}/moves`,
        { to: 'decided', reason: 'Reprimanded', sanctions: [{ type: member.reprimand }] },
        admin,
      ).expect(201);
      await post(
        `/cases/${caseId}/moves`,
        { to: 'final', reason: 'Final', ...WAIVED },
        admin,
      ).expect(201);
      const [kept] = await t.db.query<
        { caseProfession: string; procedureProfession: string; sanctionProfession: string }[]
      >(
        `SELECT cp.code AS "caseProfession", pp.code AS "procedureProfession",
                sp.code AS "sanctionProfession"
           FROM ethics_cases e
           JOIN professions cp ON cp.id = e.profession_id
           JOIN case_procedures pr ON pr.id = e.procedure_id
           JOIN professions pp ON pp.id = pr.profession_id
           JOIN case_sanctions s ON s.case_id = e.id
           JOIN sanction_types st ON st.id = s.sanction_type_id
           JOIN professions sp ON sp.id = st.profession_id
          WHERE e.id = $1`,
        [caseId],
      );
      expect(kept).toEqual({
        caseProfession: member.profession,
        procedureProfession: member.profession,
        sanctionProfession: member.profession,
      });
    }
  });

  it('renews each membership on its own category’s terms', async () => {
    for (const member of Object.values(members)) {
      const membership = (await get(`/memberships/${member.membershipId}`)).body;
      const calendar = moveCalendar(t, addDays(membership.coveredUntil, -30));
      try {
        const submitted = await t
          .http()
          .post('/renewals')
          .set('authorization', member.account.bearer)
          .send({ membershipId: member.membershipId })
          .expect(201);
        const renewal =
          submitted.body.status === 'approved'
            ? submitted.body
            : (
                await post(`/renewals/${submitted.body.id}/decision`, {
                  decision: 'approved',
                  reason: 'Every requirement met',
                }).expect(201)
              ).body;
        expect(renewal).toMatchObject({
          status: 'approved',
          newStartsOn: addDays(membership.coveredUntil, 1),
        });
        const category = await pipeline.category(membership.category.code);
        const invoices = await pipeline.invoicesOf(finance, member.account.personId!);
        const dues = invoices.filter((invoice) => invoice.kind === 'dues');
        expect(dues).toHaveLength(2);
        const [next] = await t.db.query<{ amount: number; category: string }[]>(
          `SELECT i.amount_minor::int AS amount, c.code AS category FROM invoices i
             JOIN memberships m ON m.person_id = i.person_id
             JOIN membership_categories c ON c.id = m.category_id
            WHERE i.person_id = $1 AND i.status = 'unpaid'`,
          [member.account.personId],
        );
        expect(next).toEqual({ amount: category.duesMinor, category: category.code });
        if (member.profession === 'INSINYUR') {
          // The registration's PKB cycle, a year into five, holds against the registration's
          // renewal alone: the membership renewed beside it.
          expect(renewal.eligibility.requirements).toContainEqual(
            expect.objectContaining({
              requirement: 'cpd:PKB_STRI',
              met: false,
              cycleOf: 'credential',
              subject: member.registration,
            }),
          );
        }
      } finally {
        calendar.restore();
      }
    }
    const engineer = members.INSINYUR;
    const [stri] = await t.db.query<{ id: string; validUntil: string }[]>(
      `SELECT id, valid_until::text AS "validUntil" FROM credentials WHERE number = $1`,
      [engineer.registration],
    );
    const calendar = moveCalendar(t, addDays(stri.validUntil, -30));
    try {
      const submitted = await t
        .http()
        .post('/renewals')
        .set('authorization', engineer.account.bearer)
        .send({ credentialId: stri.id })
        .expect(201);
      const refused = await post(`/renewals/${submitted.body.id}/decision`, {
        decision: 'approved',
        reason: 'Renewed',
      });
      expect(refused.status).toBe(422);
      expect(refused.body.requirements).toContainEqual(
        expect.objectContaining({ requirement: 'cpd:PKB_STRI', met: false }),
      );
    } finally {
      calendar.restore();
    }
  });
});
