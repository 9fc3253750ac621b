import { randomBytes } from 'node:crypto';
import type { Role } from 'src/auth/roles';
import { ADMIN_EMAIL, ADMIN_PASSWORD, type TestApp } from 'test/support/app';

export interface SignedIn {
  accountId: string;
  personId: string | null;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  /** `Authorization` header value. */
  bearer: string;
}

const unique = () => randomBytes(4).toString('hex');

export async function login(t: TestApp, email: string, password: string): Promise<SignedIn> {
  const response = await t.http().post('/auth/login').send({ email, password }).expect(200);
  const me = await t
    .http()
    .get('/auth/me')
    .set('authorization', `Bearer ${response.body.accessToken}`)
    .expect(200);
  return {
    accountId: me.body.id,
    personId: me.body.personId,
    email,
    password,
    accessToken: response.body.accessToken,
    refreshToken: response.body.refreshToken,
    bearer: `Bearer ${response.body.accessToken}`,
  };
}

export const loginAsAdmin = (t: TestApp) => login(t, ADMIN_EMAIL, ADMIN_PASSWORD);

/**
 * A new account holding `role` (a member gets a person record too), signed in; a staff account
 * may be given a scope (a profession, a chapter).
 */
export async function loginAs(
  t: TestApp,
  role: Role,
  fullName = `Test ${role} ${unique()}`,
  scope?: { professionId?: string; chapterId?: string },
): Promise<SignedIn> {
  const admin = await loginAsAdmin(t);
  const email = `${role}-${unique()}@guildhall.test`;
  const password = `password-${unique()}-${unique()}`;
  let personId: string | undefined;
  if (role === 'member') {
    const person = await t
      .http()
      .post('/people')
      .set('authorization', admin.bearer)
      .send({ fullName, email })
      .expect(201);
    personId = person.body.id;
  }
  await t
    .http()
    .post('/accounts')
    .set('authorization', admin.bearer)
    .send({ email, password, displayName: fullName, roles: [role], personId, scope })
    .expect(201);
  return login(t, email, password);
}

/**
 * POST as `by` by default, or as whoever a call names. Both are read at each call, so a file may
 * make its helper before `beforeAll` has started the app and signed in.
 */
export const poster =
  (app: () => TestApp, by: () => SignedIn) =>
  (path: string, body: object, as: SignedIn = by()) =>
    app().http().post(path).set('authorization', as.bearer).send(body);
