import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { addDays } from 'src/common/dates';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { CredentialTypesService } from 'src/credentials/credential-types.service';
import { CredentialsService } from 'src/credentials/credentials.service';
import { Transactions } from 'src/database/transactions';
import { DuesPort } from 'src/dues/dues.port';
import { EthicsPort } from 'src/ethics/ethics.port';
import { MembershipPort } from 'src/membership/membership.port';
import { PeoplePort } from 'src/people/people.port';
import { useAppContext } from 'test/support/app-context';

/**
 * The ports, called as another module calls them, without HTTP, on a pool of ONE connection:
 * each works in the caller's transaction (what the caller rolls back leaves no trace) and none
 * borrows a second connection (it would wait for itself until the pool's wait ran out).
 */
describe('the ports between modules', () => {
  const app = useAppContext({ databasePoolSize: 1, databaseReadPoolSize: 1 });
  const get = <T>(type: new (...args: never[]) => T) => app().context.get(type);
  const inTransaction = <T>(work: (manager: EntityManager) => Promise<T>) =>
    get(Transactions).run(work);
  class RolledBack extends Error {}
  const rolledBack = async (work: (manager: EntityManager) => Promise<unknown>) => {
    await expect(
      inTransaction(async (manager) => {
        await work(manager);
        throw new RolledBack();
      }),
    ).rejects.toThrow(RolledBack);
  };

  /**
   * A certificate issued here that asks nothing of its holder (the doctors' SERKOM asks for a
   * degree and an exam, beside the point here), made once.
   */
  let certificateType: Promise<{ id: string }> | undefined;
  const portCertificate = () =>
    (certificateType ??= get(CredentialTypesService).create(app().admin, {
      code: 'PORT_CERT',
      name: 'A certificate the ports are tried with',
      issuerKind: 'association',
      issuingAuthority: 'Ikatan Dokter Indonesia',
      validityMonths: 60,
      numberFormat: 'PC-{SEQ:5}',
    }));

  /** A person with a certificate issued here, through the use cases staff call. */
  const holder = async (fullName: string) => {
    const person = await inTransaction((manager) =>
      get(PeoplePort).createWith(manager, SYSTEM_ACTOR, { fullName }),
    );
    const certificate = await get(CredentialsService).issue(app().admin, {
      personId: person.id,
      credentialTypeId: (await portCertificate()).id,
    });
    return { personId: person.id, certificate };
  };
  const credentialRow = async (id: string) =>
    (
      await app().db.query<{ status: string; suspended_until: string | null; kept: number }[]>(
        `SELECT c.status, c.suspended_until::text,
                (SELECT count(*)::int FROM credential_suspensions s WHERE s.credential_id = c.id) AS kept
           FROM credentials c WHERE c.id = $1`,
        [id],
      )
    )[0];

  it('takes a sanction into a credential in the caller’s transaction: rolled back, it leaves nothing', async () => {
    const { personId, certificate } = await holder('dr. Port Satu');
    const today = get(Calendar).today();
    const sanction = {
      personId,
      sanctionId: randomUUID(),
      effect: 'suspension' as const,
      reason: 'Suspended by the decision in a case',
      startsOn: today,
      endsOn: addDays(today, 90),
    };
    await rolledBack(async (manager) => {
      await get(MembershipPort).applySanction(manager, SYSTEM_ACTOR, sanction);
      await get(CredentialsPort).applySanction(manager, SYSTEM_ACTOR, sanction);
    });
    expect(await credentialRow(certificate.id)).toEqual({
      status: 'active',
      suspended_until: null,
      kept: 0,
    });

    // Committed, and applied again (a retried move): kept once.
    for (let times = 0; times < 2; times++) {
      await inTransaction((manager) =>
        get(CredentialsPort).applySanction(manager, SYSTEM_ACTOR, sanction),
      );
    }
    expect(await credentialRow(certificate.id)).toEqual({
      status: 'suspended',
      suspended_until: sanction.endsOn,
      kept: 1,
    });
  });

  it('composes two sanctions on a credential: suspended until the later one ends', async () => {
    const { personId, certificate } = await holder('dr. Port Dua');
    const today = get(Calendar).today();
    const suspend = (endsOn: string) =>
      inTransaction((manager) =>
        get(CredentialsPort).applySanction(manager, SYSTEM_ACTOR, {
          personId,
          sanctionId: randomUUID(),
          effect: 'suspension',
          reason: `Suspended until ${endsOn}`,
          startsOn: today,
          endsOn,
        }),
      );
    await suspend(addDays(today, 120));
    await suspend(addDays(today, 30));
    expect(await credentialRow(certificate.id)).toEqual({
      status: 'suspended',
      suspended_until: addDays(today, 120),
      kept: 2,
    });
  });

  it('reads people, dues, ethics and membership in the caller’s transaction', async () => {
    await rolledBack(async (manager) => {
      const person = await get(PeoplePort).createWith(manager, SYSTEM_ACTOR, {
        fullName: 'dr. Port Tiga',
      });
      // Read back in the same transaction: the person exists there, and only there.
      expect(await get(PeoplePort).exists(manager, person.id)).toBe(true);
      expect(await get(DuesPort).arrears(manager, person.id)).toMatchObject({
        openInvoices: 0,
        outstandingMinor: 0,
      });
      expect(await get(DuesPort).overdue(manager, person.id)).toMatchObject({ overdue: 0 });
      expect(await get(EthicsPort).pledgeStanding(manager, person.id)).toMatchObject({
        pledged: false,
      });
      expect(await get(MembershipPort).statusOfPerson(manager, person.id)).toBeNull();
    });
    const [{ people }] = await app().db.query<{ people: number }[]>(
      `SELECT count(*)::int AS people FROM persons WHERE full_name = 'dr. Port Tiga'`,
    );
    expect(people).toBe(0);
  });

  it("locks a register's people toward a type's cap with a bounded number of locks, however many", async () => {
    // One lock a row overflowed PostgreSQL's shared lock table on a re-run of a large register.
    const [type] = await app().db.query<{ id: string }[]>(
      `SELECT id FROM credential_types WHERE code = 'STR'`,
    );
    const pairs = Array.from({ length: 20_000 }, () => ({
      personId: randomUUID(),
      typeId: type.id,
    }));
    const held = await inTransaction(async (manager) => {
      const counts = await get(CredentialsPort).validCounts(manager, pairs);
      const [{ locks }] = await manager.query<{ locks: number }[]>(
        `SELECT count(*)::int AS locks FROM pg_locks
          WHERE locktype = 'advisory' AND pid = pg_backend_pid()`,
      );
      return { counts, locks };
    });
    expect(held.counts.size).toBe(0);
    expect(held.locks).toBeGreaterThan(0);
    expect(held.locks).toBeLessThanOrEqual(256);
  });
});
