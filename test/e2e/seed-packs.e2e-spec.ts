import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { todayIn } from 'test/support/calendar';
import {
  auditRowsFor,
  credentialTypeIds,
  expectFieldErrors,
  expectProblem,
  newPerson,
  recordVerifiedCredential,
} from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

const codes = (body: { code: string }[]) => body.map((item) => item.code).sort();

/**
 * The configuration an association starts with is a pack loaded on the first start, never a
 * migration: an advocates' deployment (SEED_PACK=peradi) holds no doctors' data, and an admin can
 * import a pack later, whole or not at all.
 */
describe('configuration packs', () => {
  describe('a first start with SEED_PACK=peradi', () => {
    let t: TestApp;
    let admin: SignedIn;
    let registrar: SignedIn;
    const post = poster(
      () => t,
      () => admin,
    );

    beforeAll(async () => {
      t = await createTestApp({ unconfigured: true, settings: { seedPack: 'peradi' } });
      admin = await loginAsAdmin(t);
      registrar = await loginAs(t, 'registrar');
    });
    afterAll(() => t.close());

    const read = (path: string) =>
      t.http().get(path).set('authorization', admin.bearer).expect(200);

    it("gives an advocates' association with no doctors' data", async () => {
      expect(codes((await read('/professions')).body)).toEqual(['ADVOKAT']);
      // UU 18/2003 Art. 2(1) with its elucidation: law, syariah, military-law (S.H.) and
      // police-science graduates.
      expect(codes((await read('/degrees')).body)).toEqual([
        'MAGISTER_HUKUM',
        'SARJANA_HUKUM',
        'SARJANA_ILMU_KEPOLISIAN',
        'SARJANA_SYARIAH',
      ]);
      expect(codes((await read('/credential-types')).body)).toEqual([
        'BAS',
        'KTPA',
        'MAGANG',
        'PKPA',
        'UPA',
      ]);
      const categories = (await read('/membership-categories')).body;
      expect(codes(categories)).toEqual(['ADVOKAT', 'KEHORMATAN']);
      // UU 18/2003 Art. 7(1) and the KEAI know no remedial training.
      expect(codes((await read('/cases/sanction-types')).body)).toEqual([
        'PEMECATAN',
        'SKORSING',
        'TEGURAN_LISAN',
        'TEGURAN_TERTULIS',
      ]);
      const types = await credentialTypeIds(t, admin);
      expect(categories.find((c: { code: string }) => c.code === 'ADVOKAT')).toMatchObject({
        cardCredentialTypeId: types.KTPA,
        requirements: {
          all: [
            {
              qualification: {
                degrees: ['SARJANA_HUKUM', 'SARJANA_SYARIAH', 'SARJANA_ILMU_KEPOLISIAN'],
                accreditedInstitution: true,
              },
            },
            { credential: 'PKPA' },
            { credential: 'UPA' },
            { credential: 'MAGANG', heldForMonths: 24 },
            { minimumAge: 25 },
            { declared: 'NOT_CIVIL_SERVANT' },
            { declared: 'NO_CONVICTION' },
            { decided: 'PENGANGKATAN' },
            { credential: 'BAS' },
            { pledge: true },
            { applicationFee: 'paid' },
          ],
        },
      });
      const code = await t.http().get('/ethics/codes/current').expect(200);
      expect(code.body).toMatchObject({
        version: 'KEAI-2002',
        effectiveFrom: '2002-05-23',
        inForce: true,
      });
      // Art. 2 whole, to its last words.
      expect(
        code.body.articles.find((article: { number: string }) => article.number === 'Pasal 2').text,
      ).toMatch(
        /Undang-Undang Dasar Republik Indonesia, Kode Etik Advokat serta sumpah jabatannya\.$/,
      );
      const doctors = await t.http().get('/ethics/codes/current').query({ profession: 'DOKTER' });
      expectProblem(doctors, 404, 'not-found');
      const loads = await t.db.query(
        `SELECT actor_id FROM audit_events WHERE action = 'seed_pack.loaded'`,
      );
      expect(loads).toEqual([{ actor_id: null }]);
    });

    it('admits an advocate through the pack alone, with a card that carries the member number', async () => {
      const finance = await loginAs(t, 'finance');
      const pipeline = new Pipeline(t, admin);
      const chapter = await pipeline.chapter('JKT');
      const types = await credentialTypeIds(t, admin);
      const person = await newPerson(t, registrar, {
        fullName: 'Advokat Calon Anggota',
        birthDate: '1995-03-14',
      });
      const school = await post(
        '/institutions',
        {
          name: 'Fakultas Hukum Universitas Indonesia',
          country: 'ID',
          accreditationStatus: 'accredited',
        },
        registrar,
      ).expect(201);
      const qualification = await post(
        '/qualifications',
        {
          personId: person.id,
          institutionId: school.body.id,
          degree: 'S.H.',
          field: 'Ilmu Hukum',
          graduationDate: '2019-08-29',
          diplomaNumber: 'UI-SH-2019-0001',
        },
        registrar,
      ).expect(201);

      // The bar exam needs PKPA, and PKPA a verified law degree: each issue checks its own.
      const issue = (code: string) =>
        post(
          '/credentials/issue',
          { personId: person.id, credentialTypeId: types[code] },
          registrar,
        );
      expectProblem(await issue('UPA'), 409, 'issue-requirements-unmet');
      expectProblem(await issue('PKPA'), 409, 'issue-requirements-unmet');
      await post(
        `/qualifications/${qualification.body.id}/review`,
        { decision: 'verified', method: 'registry_lookup', sourceReference: 'PDDikti' },
        registrar,
      ).expect(200);
      const pkpa = await issue('PKPA').expect(201);
      expect(pkpa.body.number).toMatch(/^PKPA\/\d{4}\/00001$/);
      await issue('UPA').expect(201);
      await recordVerifiedCredential(t, registrar, {
        personId: person.id,
        credentialTypeId: types.MAGANG,
        validFrom: addDays(todayIn(t), -760),
      });
      await recordVerifiedCredential(t, registrar, {
        personId: person.id,
        credentialTypeId: types.BAS,
        validFrom: addDays(todayIn(t), -10),
      });
      await pipeline.pledge(person.id);
      // UU 18/2003 art. 3: not a civil servant, never convicted; art. 2: appointed by the association.
      for (const code of ['NOT_CIVIL_SERVANT', 'NO_CONVICTION']) {
        const declared = await post(
          `/people/${person.id}/declarations`,
          { code, statement: `Declared: ${code}`, evidence: 'Signed statement on stamped paper' },
          registrar,
        ).expect(201);
        await post(
          `/people/${person.id}/declarations/${declared.body.id}/check`,
          { outcome: 'confirmed', method: 'Registers consulted' },
          registrar,
        ).expect(201);
      }
      await post(
        `/people/${person.id}/acts`,
        {
          code: 'PENGANGKATAN',
          decidedOn: addDays(todayIn(t), -20),
          reference: 'SK DPN PERADI No. 7/PENG/2026',
          text: 'Appointed an advocate',
        },
        registrar,
      ).expect(201);

      const applicationId = await pipeline.applicationUnderReview(
        finance,
        person.id,
        chapter.id,
        'ADVOKAT',
      );
      const approved = await post(
        `/membership-applications/${applicationId}/approve`,
        {},
        registrar,
      ).expect(200);
      const membership = await t
        .http()
        .get(`/memberships/${approved.body.membershipId}`)
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(membership.body.memberNumber).toMatch(/^\d{2}\.JKT\.00001$/);
      const card = await t
        .http()
        .get(`/public/credentials/${membership.body.memberNumber}`)
        .expect(200);
      expect(card.body).toMatchObject({
        holderName: 'Advokat Calon Anggota',
        status: 'active',
        credentialType: { code: 'KTPA', profession: 'Advokat' },
      });
    });

    it('lets an admin import another pack beside it, and importing again creates nothing', async () => {
      // A dry run says what loading would do, and loads nothing.
      const typesBefore = await t.db.query(`SELECT count(*)::int AS n FROM credential_types`);
      const dry = await post('/seed-packs/idi/load?dryRun=true', {}).expect(200);
      expect(dry.body).toMatchObject({
        dryRun: true,
        created: { professions: ['DOKTER'], credentialTypes: ['STR', 'SIP', 'UKOM', 'SERKOM'] },
      });
      expect(await t.db.query(`SELECT count(*)::int AS n FROM credential_types`)).toEqual(
        typesBefore,
      );
      expect(
        await t.db.query(
          `SELECT 1 FROM audit_events WHERE action = 'seed_pack.loaded' AND entity_id = 'idi'`,
        ),
      ).toEqual([]);
      expectFieldErrors(await post('/seed-packs/idi/load?dryRun=maybe', {}), [
        { field: 'dryRun', message: 'dryRun must be a boolean value' },
      ]);
      const loaded = await post('/seed-packs/idi/load', {}).expect(200);
      const none = {
        professions: [],
        degrees: [],
        credentialTypes: [],
        membershipCategories: [],
        ethicsCodes: [],
        sanctionTypes: [],
        procedures: [],
        cpdPolicies: [],
      };
      expect(loaded.body).toEqual({
        pack: 'idi',
        changed: none,
        created: {
          professions: ['DOKTER'],
          degrees: ['DOKTER', 'DOKTER_SPESIALIS', 'DOKTER_GIGI', 'SARJANA_KEDOKTERAN'],
          credentialTypes: ['STR', 'SIP', 'UKOM', 'SERKOM'],
          membershipCategories: [
            'ORDINARY',
            'SPECIALIST',
            'ASSOCIATE',
            'STUDENT',
            'HONORARY',
            'RETIRED',
          ],
          ethicsCodes: ['DOKTER KODEKI-2012'],
          // Each profession its own sanctions and procedure, beside the advocates'.
          sanctionTypes: [
            'TEGURAN_LISAN',
            'TEGURAN_TERTULIS',
            'PEMBINAAN',
            'SKORSING',
            'PEMECATAN',
          ],
          procedures: ['PROSEDUR-2020'],
          cpdPolicies: ['SKP_SIP 2013-01-01', 'SKP_SIP 2024-01-01', 'SKP_SIP_REMOTE 2024-01-01'],
        },
        kept: none,
      });
      // Each profession keeps its own code in force.
      for (const [profession, version] of [
        ['ADVOKAT', 'KEAI-2002'],
        ['DOKTER', 'KODEKI-2012'],
      ]) {
        const current = await t.http().get('/ethics/codes/current').query({ profession });
        expect(current.body.version).toBe(version);
      }
      const typesLoaded = await t.db.query(`SELECT count(*)::int AS n FROM credential_types`);

      const again = await post('/seed-packs/idi/load', {}).expect(200);
      expect(again.body.created).toEqual(none);
      expect(again.body.kept.cpdPolicies).toEqual([
        'SKP_SIP 2013-01-01',
        'SKP_SIP 2024-01-01',
        'SKP_SIP_REMOTE 2024-01-01',
      ]);
      expect(again.body.kept.credentialTypes).toEqual(['STR', 'SIP', 'UKOM', 'SERKOM']);
      expect(again.body.changed).toEqual(none);
      expect(await t.db.query(`SELECT count(*)::int AS n FROM credential_types`)).toEqual(
        typesLoaded,
      );
      const [load] = await t.db.query<{ entity_id: string; actor_id: string }[]>(
        `SELECT entity_id, actor_id FROM audit_events WHERE action = 'seed_pack.loaded'
          ORDER BY id DESC LIMIT 1`,
      );
      expect(load).toEqual({ entity_id: 'idi', actor_id: admin.accountId });
    });

    it('applies a corrected pack: a dry run names each change, the load makes it through each use case, and a code never changes', async () => {
      const corrected = {
        name: 'peradi',
        description: 'The advocates, corrected',
        degrees: [
          {
            code: 'SARJANA_HUKUM',
            name: 'Sarjana Hukum',
            aliases: ['Sarjana Hukum (S.H.)', 'S.H.', 'Sarjana Ilmu Hukum', 'S.H. (Militer)'],
            level: 'bachelor',
          },
        ],
        credentialTypes: [
          {
            code: 'BAS',
            name: 'Berita Acara Sumpah (oath before the High Court)',
            profession: 'ADVOKAT',
            issuerKind: 'external',
            issuingAuthority: 'Pengadilan Tinggi',
            validityMonths: null,
            maxActivePerPerson: 2,
          },
        ],
        sanctionTypes: [
          {
            code: 'SKORSING',
            profession: 'ADVOKAT',
            name: 'Pemberhentian sementara (suspension)',
            effect: 'suspension',
            minMonths: 3,
            maxMonths: 24,
            public: true,
          },
        ],
      };
      const changes = {
        degrees: ['SARJANA_HUKUM: aliases'],
        credentialTypes: ['BAS: maxActivePerPerson'],
        sanctionTypes: ['SKORSING: maxMonths'],
      };
      const dry = await post('/seed-packs?dryRun=true', corrected).expect(200);
      expect(dry.body).toMatchObject({ dryRun: true, changed: changes });
      const bas = () =>
        t.db.query<{ max: number }[]>(
          `SELECT max_active_per_person AS max FROM credential_types WHERE code = 'BAS'`,
        );
      expect(await bas()).toEqual([{ max: 1 }]);

      const applied = await post('/seed-packs', corrected).expect(200);
      expect(applied.body).toMatchObject({ changed: changes });
      expect(applied.body.created.credentialTypes).toEqual([]);
      expect(await bas()).toEqual([{ max: 2 }]);
      // Each change went through its own use case, with its audit row.
      const [{ id: basId }] = await t.db.query<{ id: string }[]>(
        `SELECT id FROM credential_types WHERE code = 'BAS'`,
      );
      const basIdOf = () => basId;
      expect((await auditRowsFor(t, 'credential_type', basId)).at(-1)).toMatchObject({
        action: 'credential_type.updated',
        after: { maxActivePerPerson: 2 },
      });
      expect((await post('/seed-packs', corrected).expect(200)).body.changed).toMatchObject({
        degrees: [],
        credentialTypes: [],
        sanctionTypes: [],
      });

      // The imported pack is kept: listed beside the shipped ones, read back whole, and loaded
      // again after a change here puts back what it says.
      const listed = await t
        .http()
        .get('/seed-packs')
        .set('authorization', admin.bearer)
        .expect(200);
      expect(listed.body).toContainEqual(
        expect.objectContaining({
          name: 'peradi',
          source: 'imported',
          description: 'The advocates, corrected',
          holds: expect.objectContaining({ credentialTypes: ['BAS'] }),
        }),
      );
      const kept = await t
        .http()
        .get('/seed-packs/imported/peradi')
        .set('authorization', admin.bearer)
        .expect(200);
      expect(kept.body).toEqual(corrected);
      const shipped = await t
        .http()
        .get('/seed-packs/shipped/peradi')
        .set('authorization', admin.bearer)
        .expect(200);
      expect(shipped.body.credentialTypes).toHaveLength(5);
      await t
        .http()
        .patch(`/credential-types/${basIdOf()}`)
        .set('authorization', admin.bearer)
        .send({ maxActivePerPerson: 1 })
        .expect(200);
      const reloaded = await post('/seed-packs/imported/peradi/load', {}).expect(200);
      expect(reloaded.body.changed.credentialTypes).toEqual(['BAS: maxActivePerPerson']);
      expect(await bas()).toEqual([{ max: 2 }]);
      expectProblem(await post('/seed-packs/imported/nothing-here/load', {}), 404, 'not-found');

      // What was issued under an item keeps its meaning: an issuer or an effect never changes.
      const refused = await post('/seed-packs', {
        ...corrected,
        credentialTypes: [
          {
            ...corrected.credentialTypes[0],
            issuerKind: 'association',
            numberFormat: 'BAS-{SEQ:4}',
          },
        ],
      });
      expectProblem(refused, 422, 'seed-pack-refused');
      expect(refused.body.errors).toEqual([
        {
          field: 'credentialTypes[0].issuerKind',
          message: expect.stringContaining('never changes'),
        },
      ]);
      expect(await bas()).toEqual([{ max: 2 }]);
    });

    it("gives each profession its own codes: an architects' STR and STUDENT beside the doctors', each read by its own", async () => {
      const architects = {
        name: 'iai',
        description: 'Ikatan Arsitek Indonesia',
        professions: [{ code: 'ARSITEK', name: 'Arsitek' }],
        credentialTypes: [
          {
            code: 'STR',
            profession: 'ARSITEK',
            name: 'Surat Tanda Registrasi Arsitek',
            issuerKind: 'external',
            issuingAuthority: 'Dewan Arsitek Indonesia',
          },
          {
            code: 'SKA',
            profession: 'ARSITEK',
            name: 'Sertifikat Keahlian Arsitek',
            issuerKind: 'association',
            issuingAuthority: 'Ikatan Arsitek Indonesia',
            validityMonths: 60,
            numberFormat: 'SKA-{YYYY}-{SEQ:5}',
            issueRequirements: { credential: 'STR' },
          },
        ],
        membershipCategories: [
          {
            code: 'STUDENT',
            profession: 'ARSITEK',
            name: 'Mahasiswa Arsitektur',
            duesMinor: 0,
            applicationFeeMinor: 50000,
            currency: 'IDR',
            periodMonths: 12,
            graceDays: 30,
            memberNumberFormat: 'IAI-M-{SEQ:5}',
            requirements: { credential: 'STR' },
          },
        ],
        cpdPolicies: [
          {
            code: 'SKP_STR',
            profession: 'ARSITEK',
            name: 'SKP over an architect registration',
            effectiveFrom: '2020-01-01',
            credentialTypeCode: 'STR',
            rules: {
              cycleMonths: 60,
              totalCredits: 100,
              domains: [{ code: 'arsitektur', name: 'Arsitektur', sharePercent: 100 }],
            },
          },
        ],
      };
      const loaded = await post('/seed-packs', architects);
      expect(loaded.body).toMatchObject({ created: expect.any(Object) });
      expect(loaded.body.created).toMatchObject({
        credentialTypes: ['STR', 'SKA'],
        membershipCategories: ['STUDENT'],
        cpdPolicies: ['SKP_STR 2020-01-01'],
      });
      const owners = (table: string) =>
        t.db.query<{ profession: string; name: string }[]>(
          `SELECT p.code AS profession, x.name FROM ${table} x JOIN professions p ON p.id = x.profession_id
            WHERE x.code = $1 ORDER BY p.code`,
          [table === 'credential_types' ? 'STR' : 'STUDENT'],
        );
      expect(await owners('credential_types')).toEqual([
        { profession: 'ARSITEK', name: 'Surat Tanda Registrasi Arsitek' },
        { profession: 'DOKTER', name: expect.not.stringContaining('Arsitek') },
      ]);
      expect((await owners('membership_categories')).map((row) => row.profession)).toEqual([
        'ARSITEK',
        'DOKTER',
      ]);
      // The architects' certificate asks for the architects' STR: a doctor's STR does not meet
      // it, and the architects' own does.
      const person = await newPerson(t, registrar);
      const typeOf = async (profession: string, code: string) =>
        (
          await t.db.query<{ id: string }[]>(
            `SELECT t.id FROM credential_types t JOIN professions p ON p.id = t.profession_id
              WHERE p.code = $1 AND t.code = $2`,
            [profession, code],
          )
        )[0].id;
      await recordVerifiedCredential(t, registrar, {
        personId: person.id,
        credentialTypeId: await typeOf('DOKTER', 'STR'),
        validFrom: '2020-01-02',
      });
      const issue = () =>
        t
          .http()
          .post('/credentials/issue')
          .set('authorization', registrar.bearer)
          .send({ personId: person.id, credentialTypeId: ska });
      const ska = await typeOf('ARSITEK', 'SKA');
      const refused = await issue();
      expectProblem(refused, 409, 'issue-requirements-unmet');
      expect(refused.body.requirements).toEqual([
        expect.objectContaining({ requirement: 'credential:STR', met: false }),
      ]);
      await recordVerifiedCredential(t, registrar, {
        personId: person.id,
        credentialTypeId: await typeOf('ARSITEK', 'STR'),
        validFrom: '2021-03-01',
      });
      await issue().expect(201);
      // The doctors may have a CPD policy of the same code: each reads its own profession's
      // holders, and a report asks which is meant.
      const doctorsPolicy = await post('/cpd/policies', {
        ...architects.cpdPolicies[0],
        profession: 'DOKTER',
        name: "SKP over a doctor's registration",
      }).expect(201);
      expect(doctorsPolicy.body).toMatchObject({ code: 'SKP_STR', profession: 'DOKTER' });
      const report = (query: string) =>
        t.http().get(`/cpd/compliance?policy=SKP_STR${query}`).set('authorization', admin.bearer);
      const ambiguous = await report('');
      expectProblem(ambiguous, 422, 'cpd-policy-ambiguous');
      expect(ambiguous.body.errors).toEqual([
        { field: 'profession', message: 'name the profession whose SKP_STR is meant' },
      ]);
      const architectsReport = await report('&profession=ARSITEK').expect(200);
      const doctorsReport = await report('&profession=DOKTER').expect(200);
      const behind = (body: { items: { credentialNumber: string | null }[] }) =>
        body.items.map((item) => item.credentialNumber);
      // The person holds one STR of each: each policy counts its own profession's holder.
      const numbers = await t.db.query<{ profession: string; number: string }[]>(
        `SELECT p.code AS profession, c.number FROM credentials c
           JOIN credential_types ty ON ty.id = c.credential_type_id
           JOIN professions p ON p.id = ty.profession_id
          WHERE c.person_id = $1 AND ty.code = 'STR'`,
        [person.id],
      );
      const numberOf = (profession: string) =>
        numbers.find((row) => row.profession === profession)!.number;
      expect(behind(architectsReport.body)).toContain(numberOf('ARSITEK'));
      expect(behind(architectsReport.body)).not.toContain(numberOf('DOKTER'));
      expect(behind(doctorsReport.body)).toContain(numberOf('DOKTER'));
      expect(behind(doctorsReport.body)).not.toContain(numberOf('ARSITEK'));
      // The same pack again keeps what is there, the architects' own.
      const again = await post('/seed-packs', architects).expect(200);
      expect(again.body.kept).toMatchObject({
        credentialTypes: ['STR', 'SKA'],
        membershipCategories: ['STUDENT'],
        cpdPolicies: ['SKP_STR 2020-01-01'],
      });
      expect(again.body.created.credentialTypes).toEqual([]);
    });

    it('names the field a taken code is in, on every configuration route', async () => {
      const taken = [
        await post('/credential-types', {
          professionId: (
            await t.db.query<{ id: string }[]>(`SELECT id FROM professions WHERE code = 'DOKTER'`)
          )[0].id,
          code: 'STR',
          name: 'Another STR',
          issuerKind: 'external',
          issuingAuthority: 'Somewhere',
        }),
        await post('/cases/sanction-types', {
          professionId: (
            await t.db.query<{ id: string }[]>(`SELECT id FROM professions WHERE code = 'ADVOKAT'`)
          )[0].id,
          code: 'TEGURAN_LISAN',
          name: 'Again',
          effect: 'reprimand',
        }),
        await post('/degrees', { code: 'SARJANA_HUKUM', name: 'Again', level: 'bachelor' }),
      ];
      for (const answer of taken) {
        expectProblem(answer, 409, 'duplicate');
        expect(answer.body.errors).toEqual([{ field: 'code', message: 'code is already taken' }]);
      }
    });

    it('refuses a pack whole, naming the part, when one part would be refused', async () => {
      const before = await t.db.query(
        `SELECT (SELECT count(*) FROM professions) AS professions,
                (SELECT count(*) FROM credential_types) AS types,
                (SELECT count(*) FROM audit_events) AS audit`,
      );
      const refused = await post('/seed-packs', {
        name: 'notaris',
        description: 'Notaries',
        professions: [{ code: 'NOTARIS', name: 'Notaris' }],
        credentialTypes: [
          {
            code: 'UKE_INI',
            name: 'Ujian Kode Etik Notaris',
            profession: 'NOTARIS',
            issuerKind: 'external',
            issuingAuthority: 'PP INI',
          },
        ],
        membershipCategories: [
          {
            code: 'NOTARIS',
            name: 'Anggota Notaris',
            profession: 'NOTARIS',
            requirements: { all: [{ credential: 'UKE' }, { pledge: true }] },
            duesMinor: 2000000,
            currency: 'IDR',
            periodMonths: 12,
            graceDays: 30,
            memberNumberFormat: 'INI-{SEQ:4}',
          },
        ],
      });
      expectProblem(refused, 422, 'seed-pack-refused');
      expect(refused.body.errors).toEqual([
        {
          field: 'membershipCategories[0].requirements',
          message: expect.stringContaining('names credential types that do not exist: UKE'),
        },
      ]);

      const wrongRequirement = await post('/seed-packs', {
        name: 'notaris',
        description: 'Notaries',
        professions: [{ code: 'NOTARIS', name: 'Notaris' }],
        credentialTypes: [
          {
            code: 'UKE_INI',
            name: 'Ujian Kode Etik Notaris',
            issuerKind: 'association',
            issuingAuthority: 'PP INI',
            numberFormat: 'UKE-{SEQ:4}',
            issueRequirements: { credential: 'NO_SUCH_TYPE' },
          },
        ],
      });
      expectProblem(wrongRequirement, 422, 'seed-pack-refused');
      expect(wrongRequirement.body.detail).toMatch(/^credentialTypes\[0\] \(UKE_INI\): /);
      expect(wrongRequirement.body.errors[0].field).toBe('credentialTypes[0].issueRequirements');

      const after = await t.db.query(
        `SELECT (SELECT count(*) FROM professions) AS professions,
                (SELECT count(*) FROM credential_types) AS types,
                (SELECT count(*) FROM audit_events) AS audit`,
      );
      expect(after).toEqual(before);
    });

    it('checks the shape of a pack as the admin routes check each part', async () => {
      expectFieldErrors(
        await post('/seed-packs', {
          name: 'Bad Name',
          description: 'x',
          credentialTypes: [
            { code: 'X', name: 'X', issuerKind: 'elsewhere', issuingAuthority: 'Y' },
          ],
        }),
        [
          {
            field: 'name',
            message: 'name must be 1-40 lower-case letters, digits or -, starting with a letter',
          },
          {
            field: 'credentialTypes[0].issuerKind',
            message: expect.stringContaining('issuerKind must be one of'),
          },
        ],
      );
      expectProblem(await post('/seed-packs/nakes/load', {}), 404, 'not-found');
      const listed = await read('/seed-packs');
      // The shipped packs first, then those imported here.
      expect(
        listed.body.map((pack: { name: string; source: string }) => `${pack.source} ${pack.name}`),
      ).toEqual([
        'shipped idi',
        'shipped peradi',
        'shipped pii',
        'imported iai',
        'imported peradi',
      ]);
      expect(listed.body[1].holds.membershipCategories).toEqual(['ADVOKAT', 'KEHORMATAN']);
    });
  });

  it('exports the configuration in use, each shipped pack loaded, as a pack that gives the same configuration in an empty deployment', async () => {
    const source = await createTestApp();
    let exported: Record<string, { code?: string }[]>;
    try {
      const admin = await loginAsAdmin(source);
      // Doctors, advocates and engineers, with a correction of the doctors' own beside the
      // shipped packs.
      for (const pack of ['peradi', 'pii']) {
        await source
          .http()
          .post(`/seed-packs/${pack}/load`)
          .set('authorization', admin.bearer)
          .expect(200);
      }
      await source
        .http()
        .patch('/degrees/DOKTER')
        .set('authorization', admin.bearer)
        .send({ aliases: ['Dokter (dr.)', 'dr.', 'dokter umum'] })
        .expect(200);
      exported = (
        await source
          .http()
          .get('/seed-packs/current')
          .set('authorization', admin.bearer)
          .expect(200)
      ).body;
    } finally {
      await source.close();
    }
    expect(codes(exported.credentialTypes as { code: string }[])).toEqual([
      'BAS',
      'IPM',
      'IPP',
      'IPU',
      'KTPA',
      'MAGANG',
      'PENGALAMAN_INSINYUR',
      'PKPA',
      'SERKOM',
      'SIP',
      'STR',
      'STRI',
      'UKOM',
      'UPA',
    ]);
    expect(exported.sanctionTypes).toHaveLength(12);
    expect(exported.professions).toContainEqual(
      expect.objectContaining({
        code: 'INSINYUR',
        specialities: expect.arrayContaining([{ code: 'SIPIL', name: expect.any(String) }]),
      }),
    );

    const empty = await createTestApp({ unconfigured: true, settings: { seedPack: 'none' } });
    try {
      const admin = await loginAsAdmin(empty);
      await empty
        .http()
        .post('/seed-packs')
        .set('authorization', admin.bearer)
        .send(exported)
        .expect(200);
      const again = await empty
        .http()
        .get('/seed-packs/current')
        .set('authorization', admin.bearer)
        .expect(200);
      expect(again.body).toEqual(exported);
    } finally {
      await empty.close();
    }
  });

  it('SEED_PACK=none starts with nothing configured', async () => {
    const t = await createTestApp({ unconfigured: true, settings: { seedPack: 'none' } });
    try {
      const admin = await loginAsAdmin(t);
      const professions = await t
        .http()
        .get('/professions')
        .set('authorization', admin.bearer)
        .expect(200);
      expect(professions.body).toEqual([]);
      expect(await t.db.query(`SELECT code FROM credential_types`)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('the IDI pack, loaded on a first start, is the configuration every other test starts from', async () => {
    const t = await createTestApp();
    try {
      const rows = await auditRowsFor(t, 'seed_pack', 'idi');
      expect(rows.map((row) => row.action)).toEqual(['seed_pack.loaded']);
    } finally {
      await t.close();
    }
  });
});
