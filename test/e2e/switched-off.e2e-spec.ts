import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import {
  auditRowsFor,
  credentialTypeIds,
  expectProblem,
  issueCredential,
  newPerson,
} from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

/** Configuration is switched off, never deleted: what was stays, nothing new is. */
describe('switched-off credential types and membership categories', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let typeIds: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    typeIds = await credentialTypeIds(t, registrar);
  });
  afterAll(() => t.close());

  const switchType = (id: string, active: boolean) =>
    t
      .http()
      .patch(`/credential-types/${id}`)
      .set('authorization', admin.bearer)
      .send({ active })
      .expect(200);

  it('issues and records nothing new under a switched-off type; what was issued still answers', async () => {
    const holder = await newPerson(t, registrar, { fullName: 'Pemegang Sertifikat Lama' });
    const issued = await issueCredential(t, registrar, holder.id);
    const off = await switchType(typeIds.SERKOM, false);
    expect(off.body.active).toBe(false);
    try {
      const refused = await t
        .http()
        .post('/credentials/issue')
        .set('authorization', registrar.bearer)
        .send({ personId: holder.id, credentialTypeId: typeIds.SERKOM });
      expectProblem(refused, 409, 'credential-type-inactive');
      expect(refused.body.detail).toBe(
        'SERKOM is switched off: nothing new is issued or recorded under it',
      );
      await t.http().get(`/public/credentials/${issued.number}`).expect(200);
      const [change] = (await auditRowsFor(t, 'credential_type', typeIds.SERKOM)).filter(
        (row) => row.action === 'credential_type.updated',
      );
      expect(change).toMatchObject({ before: { active: true }, after: { active: false } });
    } finally {
      await switchType(typeIds.SERKOM, true);
    }
    await switchType(typeIds.STR, false);
    try {
      expectProblem(
        await t.http().post('/credentials/record').set('authorization', registrar.bearer).send({
          personId: holder.id,
          credentialTypeId: typeIds.STR,
          number: 'STR-OFF-1',
          issuingAuthority: 'Konsil Kedokteran Indonesia',
          validFrom: '2020-01-01',
        }),
        409,
        'credential-type-inactive',
      );
    } finally {
      await switchType(typeIds.STR, true);
    }
  });

  it('takes no new application into a switched-off category, and keeps its members as they are', async () => {
    const finance = await loginAs(t, 'finance');
    const pipeline = new Pipeline(t, admin);
    const chapter = await pipeline.chapter();
    const member = await loginAs(t, 'member', 'Anggota Kategori Lama');
    const membershipId = await pipeline.admitted(finance, member, chapter.id);
    const ordinary = await pipeline.category('ORDINARY');
    const off = await t
      .http()
      .patch(`/membership-categories/${ordinary.id}`)
      .set('authorization', admin.bearer)
      .send({ active: false })
      .expect(200);
    expect(off.body.active).toBe(false);
    const applicant = await newPerson(t, registrar, { fullName: 'Pelamar Terlambat' });
    const refused = await t
      .http()
      .post('/membership-applications')
      .set('authorization', registrar.bearer)
      .send({ personId: applicant.id, categoryId: ordinary.id, chapterId: chapter.id });
    expectProblem(refused, 409, 'category-inactive');
    const kept = await t
      .http()
      .get(`/memberships/${membershipId}`)
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(kept.body.status).toBe('active');
  });
});
