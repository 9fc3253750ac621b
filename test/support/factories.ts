import { randomBytes } from 'node:crypto';
import type { TestApp } from 'test/support/app';
import type { SignedIn } from 'test/support/actors';

/** Records a person through the API as `by` (a registrar or admin) and returns the response body. */
export async function newPerson(
  t: TestApp,
  by: SignedIn,
  values: Record<string, unknown> = {},
): Promise<{ id: string; fullName: string; nationalId?: string; [key: string]: unknown }> {
  const response = await t
    .http()
    .post('/people')
    .set('authorization', by.bearer)
    .send({ fullName: `Person ${randomBytes(3).toString('hex')}`, ...values })
    .expect(201);
  return response.body;
}

/** The audit rows written for one entity, oldest first. */
export async function auditRowsFor(t: TestApp, entityType: string, entityId: string) {
  return t.db.query<
    {
      action: string;
      actor_id: string | null;
      before: unknown;
      after: unknown;
      request_id: string;
    }[]
  >(
    `SELECT action, actor_id, before, after, request_id FROM audit_events
      WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
    [entityType, entityId],
  );
}

export const expectProblem = (
  response: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
  status: number,
  code: string,
) => {
  expect({ status: response.status, type: response.body.type }).toEqual({
    status,
    type: `/problems/${code}`,
  });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    title: expect.any(String),
    detail: expect.any(String),
    status,
  });
  expect(response.body.requestId).toBe(response.headers['x-request-id']);
};

/** A 400 validation-failed problem naming exactly these field errors. */
export const expectFieldErrors = (
  response: Parameters<typeof expectProblem>[0],
  errors: { field: string; message: unknown }[],
) => {
  expectProblem(response, 400, 'validation-failed');
  expect(response.body.errors).toEqual(errors);
};

/** Credential type ids by code (the seeded SERKOM, STR, SIP and any added). */
export async function credentialTypeIds(t: TestApp, by: SignedIn): Promise<Record<string, string>> {
  const response = await t
    .http()
    .get('/credential-types')
    .set('authorization', by.bearer)
    .expect(200);
  return Object.fromEntries(
    (response.body as { code: string; id: string }[]).map((type) => [type.code, type.id]),
  );
}

/**
 * What the certificate of competence (SERKOM) asks of its holder, through the API as `by` (a
 * registrar): a verified medical degree and a passed competence exam (UKOM).
 */
export async function makeCompetent(t: TestApp, by: SignedIn, personId: string): Promise<void> {
  const unique = Math.random().toString(36).slice(2, 10);
  const send = (path: string, body: object, status: number) =>
    t.http().post(path).set('authorization', by.bearer).send(body).expect(status);
  const institution = await send(
    '/institutions',
    { name: `Universitas ${unique}`, country: 'ID' },
    201,
  );
  const degree = await send(
    '/qualifications',
    {
      personId,
      institutionId: institution.body.id,
      degree: 'Dokter',
      field: 'Pendidikan Dokter',
      graduationDate: '2015-08-29',
      diplomaNumber: `D-${unique}`,
    },
    201,
  );
  await send(
    `/qualifications/${degree.body.id}/review`,
    { decision: 'verified', method: 'registry_lookup', sourceReference: 'PDDikti' },
    200,
  );
  const { UKOM } = await credentialTypeIds(t, by);
  await recordVerifiedCredential(t, by, {
    personId,
    credentialTypeId: UKOM,
    validFrom: '2015-09-01',
  });
}

/**
 * Issues a certificate of competence (SERKOM) to a person through the API, as `by` (a
 * registrar), first giving them what it asks for.
 */
export async function issueCredential(
  t: TestApp,
  by: SignedIn,
  personId: string,
  values: { validFrom?: string } = {},
): Promise<{ id: string; number: string; validUntil: string }> {
  await makeCompetent(t, by, personId);
  const { SERKOM } = await credentialTypeIds(t, by);
  const response = await t
    .http()
    .post('/credentials/issue')
    .set('authorization', by.bearer)
    .send({ personId, credentialTypeId: SERKOM, ...values })
    .expect(201);
  return response.body as { id: string; number: string; validUntil: string };
}

/** A credential issued elsewhere, recorded and verified against its source, valid from a day. */
export async function recordVerifiedCredential(
  t: TestApp,
  by: SignedIn,
  values: { personId: string; credentialTypeId: string; validFrom: string; place?: string },
): Promise<{ id: string; number: string }> {
  const recorded = await t
    .http()
    .post('/credentials/record')
    .set('authorization', by.bearer)
    .send({
      ...values,
      number: `R-${Math.random().toString(36).slice(2, 12)}`,
      issuingAuthority: 'Its issuing authority',
    })
    .expect(201);
  await t
    .http()
    .post(`/credentials/${recorded.body.id}/review`)
    .set('authorization', by.bearer)
    .send({ decision: 'verified', method: 'registry_lookup', sourceReference: 'the register' })
    .expect(200);
  return recorded.body as { id: string; number: string };
}
