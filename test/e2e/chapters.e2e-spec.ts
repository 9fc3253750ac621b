import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import { untilWaitingOnLocks } from 'test/support/concurrency';
import { auditRowsFor, expectFieldErrors, expectProblem } from 'test/support/factories';

describe('chapters', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
  });
  afterAll(() => t.close());

  const code = () => `C${randomBytes(5).toString('hex').toUpperCase()}`;
  const create = async (parentId: string | null = null) =>
    (
      await t
        .http()
        .post('/chapters')
        .set('authorization', admin.bearer)
        .send({ code: code(), name: 'IDI Cabang', parentId })
        .expect(201)
    ).body as { id: string; code: string; name: string; parentId: string | null };
  const patch = (id: string, body: object, as = admin) =>
    t.http().patch(`/chapters/${id}`).set('authorization', as.bearer).send(body);
  const stored = async (id: string) =>
    (await t.db.query(`SELECT code, name, parent_id FROM chapters WHERE id = $1`, [id]))[0];

  it('lets only configuration staff change a chapter', async () => {
    const chapter = await create();
    expectProblem(
      await t.http().patch(`/chapters/${chapter.id}`).send({ name: 'x' }),
      401,
      'unauthenticated',
    );
    const registrar = await loginAs(t, 'registrar');
    expectProblem(await patch(chapter.id, { name: 'x' }, registrar), 403, 'forbidden');
    expect(await stored(chapter.id)).toMatchObject({ name: 'IDI Cabang' });
  });

  it('renames a chapter and moves it under a region, with an audit row of what changed', async () => {
    const region = await create();
    const branch = await create();
    const changed = await patch(branch.id, {
      name: 'IDI Cabang Jakarta Pusat',
      parentId: region.id,
    }).expect(200);
    expect(changed.body).toEqual({
      id: branch.id,
      code: branch.code,
      name: 'IDI Cabang Jakarta Pusat',
      parentId: region.id,
    });
    const [row] = await auditRowsFor(t, 'chapter', branch.id).then((rows) =>
      rows.filter((r) => r.action === 'chapter.updated'),
    );
    expect(row).toMatchObject({
      before: { name: 'IDI Cabang', parentId: null },
      after: { name: 'IDI Cabang Jakarta Pusat', parentId: region.id },
    });

    const topLevel = await patch(branch.id, { parentId: null }).expect(200);
    expect(topLevel.body.parentId).toBeNull();
  });

  it('keeps the code: member numbers already issued carry it', async () => {
    const chapter = await create();
    expectFieldErrors(await patch(chapter.id, { code: 'NEW', name: 'Renamed' }), [
      { field: 'code', message: 'code cannot change: member numbers already issued carry it' },
    ]);
    expect(await stored(chapter.id)).toMatchObject({ code: chapter.code, name: 'IDI Cabang' });
  });

  it('refuses a move under itself or under a chapter within it, and a parent that does not exist', async () => {
    const region = await create();
    const branch = await create(region.id);
    const unit = await create(branch.id);
    for (const parentId of [region.id, unit.id]) {
      const refused = await patch(region.id, { parentId });
      expectProblem(refused, 409, 'chapter-tree-loop');
      expect(refused.body.detail).toContain(region.code);
    }
    expect(await stored(region.id)).toMatchObject({ parent_id: null });

    expectProblem(
      await patch(branch.id, { parentId: '00000000-0000-4000-8000-000000000000' }),
      409,
      'reference-conflict',
    );
    expect(await stored(branch.id)).toMatchObject({ parent_id: region.id });
    expectProblem(
      await patch('00000000-0000-4000-8000-000000000000', { name: 'x' }),
      404,
      'not-found',
    );
  });

  it('lets only one of two crossing moves through, so no loop forms', async () => {
    // region > branch; other stands alone. Region under other, or other under branch: each alone
    // is fine, together they close region > branch > other > region.
    const region = await create();
    const branch = await create(region.id);
    const other = await create();
    const holder = t.db.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query(`SELECT 1 FROM chapters WHERE id IN ($1, $2) FOR UPDATE`, [
        region.id,
        other.id,
      ]);
      const answers = Promise.all([
        patch(region.id, { parentId: other.id }),
        patch(other.id, { parentId: branch.id }),
      ]);
      await untilWaitingOnLocks(holder, 2);
      await holder.rollbackTransaction();
      const statuses = (await answers).map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 409]);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    const [loop] = await t.db.query(
      `WITH RECURSIVE up (id, depth) AS (
         SELECT parent_id, 1 FROM chapters WHERE id = $1
         UNION ALL
         SELECT c.parent_id, up.depth + 1 FROM chapters c JOIN up ON c.id = up.id
          WHERE up.depth < 10)
       SELECT count(*)::int AS steps FROM up WHERE id = $1`,
      [region.id],
    );
    expect(loop.steps).toBe(0);
  });
});
