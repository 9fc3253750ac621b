import { HOLDS_FOR_SQL } from 'src/common/profession-scope';
import { createHash } from 'node:crypto';
import type { HeldCredential } from 'src/requirements/requirement-rules';
import { Calendar } from 'src/common/calendar';
import { CREDENTIALS_READ_MODEL, type VerifiedCycle } from 'src/credentials/credentials.read-model';
import { Injectable } from '@nestjs/common';
import type { ScopeCondition } from 'src/auth/access';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, type SelectQueryBuilder } from 'typeorm';
import {
  type CredentialStatus,
  STATUS_CONDITIONS_SQL,
  type VerificationStatus,
} from 'src/credentials/credential-rules';
import { CredentialPeriod } from 'src/credentials/entities/credential-period.entity';
import { CredentialEvent } from 'src/credentials/entities/credential-event.entity';
import { CredentialSuspension } from 'src/credentials/entities/credential-suspension.entity';
import { CredentialType } from 'src/credentials/entities/credential-type.entity';
import { Credential } from 'src/credentials/entities/credential.entity';
import { IssuerKey } from 'src/credentials/entities/issuer-key.entity';
import { SignedStatusList } from 'src/credentials/entities/signed-status-list.entity';
import { VerificationLogEntry } from 'src/credentials/entities/verification-log-entry.entity';

const ISSUER_KEY_LOCK = 'guildhall:issuer-key';

/** A credential recorded in bulk (a register import). */
export interface RecordedCredential {
  personId: string;
  credentialTypeId: string;
  number: string;
  issuingAuthority: string;
  validFrom: string;
  validUntil: string | null;
  /** Where its type is issued per place of practice. */
  place: string | null;
  verified: boolean;
}

/** The advisory lock space of credential caps, and how many locks it spreads people over. */
const CAP_LOCK_SPACE = 0x43415053; // 'CAPS'
const CAP_LOCK_BUCKETS = 256;
const capLockBucket = (key: string) =>
  createHash('sha256').update(key).digest().readUInt16BE(0) % CAP_LOCK_BUCKETS;

/** Every query of credentials, named; the service keeps the use cases and their transactions. */
@Injectable()
export class CredentialsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: Calendar,
  ) {}

  /** A person's credentials whose type acts when a membership ends, locked in id order. */
  lockEndingWithMembership(manager: EntityManager, personId: string): Promise<Credential[]> {
    return manager
      .getRepository(Credential)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.credentialType', 'type')
      .where('c.person_id = :personId', { personId })
      .andWhere(`type.on_membership_end <> 'keep'`)
      .orderBy('c.id')
      .setLock('pessimistic_write', undefined, ['c'])
      .getMany();
  }

  /** The person's membership cards not revoked, locked until the caller's transaction ends. */
  lockMembershipCards(manager: EntityManager, personId: string): Promise<Credential[]> {
    return manager
      .getRepository(Credential)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.credentialType', 'type')
      .where('c.person_id = :personId', { personId })
      .andWhere('type.membership_card')
      .andWhere(`c.status <> 'revoked'`)
      .orderBy('c.id')
      .setLock('pessimistic_write', undefined, ['c'])
      .getMany();
  }

  /** The credentials the association issued a person (not cards), still valid on the day. */
  async issuedHereTo(manager: EntityManager, personId: string, today: string): Promise<string[]> {
    const rows = await manager
      .getRepository(Credential)
      .createQueryBuilder('c')
      .innerJoin('c.credentialType', 'type')
      .select('c.id', 'id')
      .where('c.person_id = :personId', { personId })
      .andWhere(`type.issuer_kind = 'association' AND NOT type.membership_card`)
      .andWhere(`c.status <> 'revoked'`)
      .andWhere('(c.valid_until IS NULL OR c.valid_until >= :today)', { today })
      .orderBy('c.id')
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** A person's cards of one type, whatever their status, locked, newest first. */
  lockCardsOfType(
    manager: EntityManager,
    personId: string,
    credentialTypeId: string,
  ): Promise<Credential[]> {
    return manager.find(Credential, {
      where: { personId, credentialTypeId },
      order: { createdAt: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Credentials with their type, periods and events, filtered, oldest first (for paging). */
  pageQuery(filters: {
    personId?: string;
    number?: string;
    credentialTypeId?: string;
    verificationStatus?: VerificationStatus;
    status?: CredentialStatus;
    today: string;
    scope?: ScopeCondition | null;
    /** A profession-scoped account's profession: only credentials of its types. */
    professionId?: string | null;
  }): SelectQueryBuilder<Credential> {
    const qb = this.dataSource
      .getRepository(Credential)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.credentialType', 'type')
      .leftJoinAndSelect('c.periods', 'period')
      .leftJoinAndSelect('c.events', 'event')
      .leftJoinAndSelect('c.supersededBy', 'successor');
    if (filters.personId) qb.andWhere('c.person_id = :personId', { personId: filters.personId });
    if (filters.number) qb.andWhere('c.number = :number', { number: filters.number });
    if (filters.credentialTypeId)
      qb.andWhere('c.credential_type_id = :typeId', { typeId: filters.credentialTypeId });
    if (filters.verificationStatus)
      qb.andWhere('c.verification_status = :vs', { vs: filters.verificationStatus });
    if (filters.status) {
      qb.andWhere(STATUS_CONDITIONS_SQL('c', ':today')[filters.status], { today: filters.today });
    }
    if (filters.scope) qb.andWhere(filters.scope.sql, filters.scope.parameters);
    if (filters.professionId) {
      qb.andWhere('type.profession_id = :scopeProfessionId', {
        scopeProfessionId: filters.professionId,
      });
    }
    return qb.orderBy('c.createdAt', 'ASC').addOrderBy('c.id', 'ASC');
  }

  /** The credential's status-list position, handed out on first use and kept; undefined if none. */
  async assignStatusListIndex(id: string): Promise<number | undefined> {
    // A SELECT around the UPDATE: the driver then returns the rows themselves.
    const [row] = await this.dataSource.query<{ index: number }[]>(
      `WITH assigned AS (
         UPDATE credentials
            SET status_list_index = coalesce(status_list_index, nextval('credential_status_list_index_seq'))
          WHERE id = $1
        RETURNING status_list_index)
       SELECT status_list_index AS index FROM assigned`,
      [id],
    );
    return row?.index;
  }

  async statusListInUse(from: number, to: number): Promise<boolean> {
    const [{ used }] = await this.dataSource.query<{ used: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM credentials WHERE status_list_index BETWEEN $1 AND $2) AS used`,
      [from, to],
    );
    return used;
  }

  /**
   * Positions between `from` and `to` whose credential is revoked or superseded (for good: a
   * verifier must rely on its successor), or suspended on `today`.
   */
  async listedPositions(
    purpose: 'revocation' | 'suspension',
    from: number,
    to: number,
    today: string,
  ): Promise<number[]> {
    const inList =
      purpose === 'revocation'
        ? `(${STATUS_CONDITIONS_SQL('c', 'NULL').revoked} OR ${STATUS_CONDITIONS_SQL('c', 'NULL').superseded})`
        : STATUS_CONDITIONS_SQL('c', '$3::date').suspended;
    const rows = await this.dataSource.query<{ index: number }[]>(
      `SELECT status_list_index AS index FROM credentials c
        WHERE status_list_index BETWEEN $1 AND $2 AND ${inList}`,
      purpose === 'revocation' ? [from, to] : [from, to, today],
    );
    return rows.map((row) => row.index);
  }

  /**
   * The number of the person's credential of this type for this place (spaces and case aside)
   * that counts on `today` as the cap counts (not revoked, superseded or rejected, not past its
   * end), if there is one.
   */
  async heldAtPlace(
    manager: EntityManager,
    personId: string,
    typeId: string,
    place: string,
    today: string,
  ): Promise<string | undefined> {
    const [row] = await manager.query<{ number: string }[]>(
      `SELECT number FROM credentials c
        WHERE c.person_id = $1 AND c.credential_type_id = $2
          AND lower(regexp_replace(btrim(c.place), '\\s+', ' ', 'g'))
              = lower(regexp_replace(btrim($3), '\\s+', ' ', 'g'))
          AND c.status NOT IN ('revoked', 'superseded') AND c.verification_status <> 'rejected'
          AND (c.valid_until IS NULL OR c.valid_until >= $4)
        LIMIT 1`,
      [personId, typeId, place, today],
    );
    return row?.number;
  }

  /** The type's code and whether the person holds one verified and valid on `asOf`. */
  async holdsValid(
    manager: EntityManager,
    personId: string,
    credentialTypeId: string,
    asOf: string,
  ): Promise<{ code: string; held: boolean } | undefined> {
    const [row] = await manager.query<{ code: string; held: boolean }[]>(
      `SELECT t.code, EXISTS (
         SELECT 1 FROM credentials c
          WHERE c.person_id = $1 AND c.credential_type_id = t.id
            AND ${STATUS_CONDITIONS_SQL('c', '$3::date').active}
            AND c.verification_status = 'verified' AND c.valid_from <= $3) AS held
         FROM credential_types t WHERE t.id = $2`,
      [personId, credentialTypeId, asOf],
    );
    return row;
  }

  /** The people holding a verified credential of a type (code, and a profession it holds for) valid on a day. */
  async holdersOfType(
    manager: EntityManager,
    typeCode: string,
    asOf: string,
    professionId: string | null,
  ): Promise<string[]> {
    const rows = await manager.query<{ person_id: string }[]>(
      `SELECT DISTINCT c.person_id
         FROM credentials c JOIN credential_types t ON t.id = c.credential_type_id
        WHERE t.code = $1 AND ${HOLDS_FOR_SQL('t.profession_id', '$3')}
          AND ${STATUS_CONDITIONS_SQL('c', '$2::date').active}
          AND c.verification_status = 'verified' AND c.valid_from <= $2`,
      [typeCode, asOf, professionId],
    );
    return rows.map((row) => row.person_id);
  }

  /**
   * A person's verified credentials begun by `asOf`, revoked ones aside, each with its whole span
   * (a renewal keeps the first day and moves the last) and whether it is valid that day: what
   * requirements read, a duration from the span and a valid one from the flag.
   */
  async heldForRequirements(
    manager: EntityManager,
    personId: string,
    asOf: string,
  ): Promise<HeldCredential[]> {
    return manager.query(
      `SELECT t.code AS "typeCode", t.profession_id AS "typeProfessionId",
              c.valid_from::text AS "validFrom", c.valid_until::text AS "validUntil",
              ${STATUS_CONDITIONS_SQL('c', '$2::date').active} AS "validToday"
         FROM credentials c JOIN credential_types t ON t.id = c.credential_type_id
        WHERE c.person_id = $1 AND NOT ${STATUS_CONDITIONS_SQL('c', '$2::date').revoked}
          AND c.verification_status = 'verified' AND c.valid_from <= $2
        ORDER BY c.valid_from, c.number`,
      [personId, asOf],
    );
  }

  /**
   * These people's verified credentials begun by `asOf`, past ones too (not revoked), each marked
   * whether it is active then: a CPD obligation's cycle and the cycles before it.
   */
  async verifiedCyclesOf(
    manager: EntityManager,
    personIds: string[],
    asOf: string,
  ): Promise<VerifiedCycle[]> {
    return manager.query(
      CREDENTIALS_READ_MODEL.verifiedCycles('c.person_id = ANY($1::uuid[])', '$2'),
      [personIds, asOf],
    );
  }

  /**
   * How many credentials of each type these people hold toward a type's cap (not revoked, not
   * rejected, not past their end), so concurrent issuing, recording and imports count in turn.
   * Each person and type falls in one of CAP_LOCK_BUCKETS advisory locks, taken in bucket order:
   * a register of any size takes at most that many (a lock a row overflowed PostgreSQL's shared
   * lock table on a re-run of 40,000 people), and one issue takes one. Keyed `person:type`.
   */
  async lockAndCountTowardCap(
    manager: EntityManager,
    pairs: { personId: string; typeId: string }[],
    today: string,
  ): Promise<Map<string, number>> {
    const keys = [...new Set(pairs.map((pair) => `${pair.personId}:${pair.typeId}`))];
    const buckets = [...new Set(keys.map(capLockBucket))].sort((a, b) => a - b);
    for (const bucket of buckets) {
      await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [CAP_LOCK_SPACE, bucket]);
    }
    if (!keys.length) return new Map();
    const rows = await manager.query<{ key: string; held: number }[]>(
      `SELECT k.person_id || ':' || k.type_id AS key, count(*)::int AS held
         FROM unnest($1::uuid[], $2::uuid[]) AS k (person_id, type_id)
         JOIN credentials c ON c.person_id = k.person_id AND c.credential_type_id = k.type_id
        WHERE c.status NOT IN ('revoked', 'superseded') AND c.verification_status <> 'rejected'
          AND (c.valid_until IS NULL OR c.valid_until >= $3)
        GROUP BY 1`,
      [keys.map((key) => key.split(':')[0]), keys.map((key) => key.split(':')[1]), today],
    );
    return new Map(rows.map((row) => [row.key, row.held]));
  }

  async professionOfNumber(manager: EntityManager, number: string): Promise<string | null> {
    const [row] = await manager.query<{ profession_id: string | null }[]>(
      `SELECT t.profession_id FROM credentials c
         JOIN credential_types t ON t.id = c.credential_type_id
        WHERE c.number = $1`,
      [number],
    );
    return row?.profession_id ?? null;
  }

  async holdersByNumber(manager: EntityManager, numbers: string[]): Promise<Map<string, string>> {
    const rows = await manager.query<{ number: string; person_id: string }[]>(
      `SELECT number, person_id FROM credentials WHERE number = ANY($1)`,
      [numbers],
    );
    return new Map(rows.map((row) => [row.number, row.person_id]));
  }

  /** Many recorded credentials at once, each with its period and a `recorded` event. */
  async insertRecorded(
    manager: EntityManager,
    credentials: RecordedCredential[],
    event: { actorAccountId: string | null; reason: string },
  ): Promise<{ id: string; number: string }[]> {
    const rows = await manager.query<{ id: string; number: string }[]>(
      `INSERT INTO credentials (person_id, credential_type_id, number, issuing_authority,
                                verification_status, valid_from, valid_until, place)
       SELECT person_id, type_id, number, authority,
              CASE WHEN verified THEN 'verified' ELSE 'submitted' END, valid_from, valid_until,
              place
         FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::boolean[], $6::date[], $7::date[], $8::varchar[])
           AS c (person_id, type_id, number, authority, verified, valid_from, valid_until, place)
       RETURNING id, number`,
      [
        credentials.map((c) => c.personId),
        credentials.map((c) => c.credentialTypeId),
        credentials.map((c) => c.number),
        credentials.map((c) => c.issuingAuthority),
        credentials.map((c) => c.verified),
        credentials.map((c) => c.validFrom),
        credentials.map((c) => c.validUntil),
        credentials.map((c) => c.place),
      ],
    );
    const ids = rows.map((row) => row.id);
    await manager.query(
      `INSERT INTO credential_periods (credential_id, valid_from, valid_until)
       SELECT id, valid_from, valid_until FROM credentials WHERE id = ANY($1)`,
      [ids],
    );
    await manager.query(
      `INSERT INTO credential_events (credential_id, event, actor_account_id, reason, effective_on)
       SELECT id, 'recorded', $2, $3, $4 FROM credentials WHERE id = ANY($1)`,
      [ids, event.actorAccountId, event.reason, this.calendar.today()],
    );
    return rows;
  }

  /** The next number of a type's sequence; the upsert locks the counter row until commit. */
  async nextInSequence(manager: EntityManager, typeId: string, scope: string): Promise<number> {
    const [{ value }] = await manager.query<{ value: string }[]>(
      `INSERT INTO credential_number_sequences (credential_type_id, scope, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (credential_type_id, scope)
         DO UPDATE SET last_value = credential_number_sequences.last_value + 1
       RETURNING last_value AS value`,
      [typeId, scope],
    );
    return Number(value);
  }

  /** Who checked a credential, newest first (for paging). */
  verificationLogQuery(credentialId: string): SelectQueryBuilder<VerificationLogEntry> {
    return this.dataSource
      .getRepository(VerificationLogEntry)
      .createQueryBuilder('v')
      .where('v.credential_id = :credentialId', { credentialId })
      .orderBy('v.checked_at', 'DESC')
      .addOrderBy('v.id', 'DESC');
  }

  /** One statement for any number of checks: the log must not slow a bulk answer down. */
  async logVerifications(
    credentialIds: string[],
    by: { apiKeyId: string; organisation: string; channel: string },
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO verification_log (credential_id, api_key_id, organisation, channel)
       SELECT unnest($1::uuid[]), $2, $3, $4`,
      [credentialIds, by.apiKeyId, by.organisation, by.channel],
    );
  }

  /**
   * The signing key in use, with its encrypted private part, under a lock held until the
   * caller's transaction ends, so two replicas starting together make one key.
   */
  async lockIssuerKeysAndFindActive(manager: EntityManager): Promise<IssuerKey | null> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ISSUER_KEY_LOCK]);
    return manager
      .getRepository(IssuerKey)
      .createQueryBuilder('k')
      .addSelect('k.privateKeyEncrypted')
      .where({ retiredAt: IsNull() })
      .getOne();
  }

  findSignedStatusList(
    purpose: SignedStatusList['purpose'],
    list: number,
  ): Promise<SignedStatusList | null> {
    return this.dataSource.getRepository(SignedStatusList).findOneBy({ purpose, list });
  }

  /** Keeps the list as last signed, replacing the one before. */
  async storeSignedStatusList(
    values: Pick<SignedStatusList, 'purpose' | 'list' | 'encodedList' | 'credential' | 'signedAt'>,
  ): Promise<void> {
    await this.dataSource.getRepository(SignedStatusList).upsert(values, ['purpose', 'list']);
  }

  insertIssuerKey(
    manager: EntityManager,
    values: Pick<IssuerKey, 'publicKeyMultibase' | 'privateKeyEncrypted'>,
  ): Promise<IssuerKey> {
    return manager.save(manager.create(IssuerKey, values));
  }

  /** Every key ever used, oldest first, with public parts only. */
  listIssuerKeys(): Promise<IssuerKey[]> {
    return this.dataSource.getRepository(IssuerKey).find({ order: { createdAt: 'ASC' } });
  }

  /** The person each of these records belongs to (access before load). */
  async ownersOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.getRepository(Credential).find({
      where: { id: In(ids) },
      select: { id: true, personId: true },
    });
    return new Map(rows.map((credential) => [credential.id, credential.personId]));
  }

  /** The profession of each of these credentials' types (null: a type of no profession). */
  async typeProfessionsOf(ids: string[]): Promise<Map<string, string | null>> {
    const rows = await this.dataSource.query<{ id: string; profession_id: string | null }[]>(
      `SELECT c.id, t.profession_id FROM credentials c
         JOIN credential_types t ON t.id = c.credential_type_id
        WHERE c.id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.profession_id]));
  }

  exists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Credential, { id });
  }

  /** A credential with its type, periods and events, as its record shows it. */
  findWhole(manager: EntityManager, id: string): Promise<Credential | null> {
    return manager.findOne(Credential, {
      where: { id },
      relations: { credentialType: true, periods: true, events: true, supersededBy: true },
    });
  }

  lock(manager: EntityManager, id: string): Promise<Credential | null> {
    return manager.findOne(Credential, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findType(manager: EntityManager, id: string): Promise<CredentialType | null> {
    return manager.findOneBy(CredentialType, { id });
  }

  allTypes(manager: EntityManager): Promise<CredentialType[]> {
    return manager.find(CredentialType);
  }

  /** A new credential with its first validity period. */
  async insertCredential(
    manager: EntityManager,
    values: Pick<
      Credential,
      | 'personId'
      | 'credentialTypeId'
      | 'number'
      | 'issuingAuthority'
      | 'status'
      | 'verificationStatus'
      | 'validFrom'
      | 'validUntil'
    > &
      Partial<Pick<Credential, 'speciality' | 'place'>>,
  ): Promise<string> {
    const { identifiers } = await manager.insert(Credential, values);
    const id = identifiers[0].id as string;
    await manager.insert(CredentialPeriod, {
      credentialId: id,
      validFrom: values.validFrom,
      validUntil: values.validUntil,
    });
    return id;
  }

  async updateCredential(
    manager: EntityManager,
    id: string,
    values: Partial<
      Pick<
        Credential,
        | 'number'
        | 'issuingAuthority'
        | 'validFrom'
        | 'validUntil'
        | 'status'
        | 'statusReason'
        | 'suspendedUntil'
        | 'statusChangedAt'
        | 'verificationStatus'
        | 'supersededById'
      >
    >,
  ): Promise<void> {
    await manager.update(Credential, { id }, values);
  }

  /**
   * The first day of a credential's last period of validity (its own first day where it was
   * never renewed): how far back its end may be brought.
   */
  async lastPeriodStart(manager: EntityManager, credentialId: string): Promise<string> {
    const [row] = await manager.query<{ from: string }[]>(
      `SELECT coalesce((SELECT max(valid_from) FROM credential_periods WHERE credential_id = c.id),
                       c.valid_from)::text AS "from"
         FROM credentials c WHERE c.id = $1`,
      [credentialId],
    );
    return row.from;
  }

  /** Brings a credential's last day forward, in its last period too. */
  async endOn(manager: EntityManager, credentialId: string, lastDay: string): Promise<void> {
    await manager.query(`UPDATE credentials SET valid_until = $2 WHERE id = $1`, [
      credentialId,
      lastDay,
    ]);
    await manager.query(
      `UPDATE credential_periods SET valid_until = $2
        WHERE credential_id = $1
          AND valid_from = (SELECT max(valid_from) FROM credential_periods WHERE credential_id = $1)`,
      [credentialId, lastDay],
    );
  }

  /**
   * Keeps, once each, the expiries of the days from `fromDay` to `today`: a verified credential
   * (not revoked nor superseded) whose last valid day was the day before, as a change verifiers
   * are told of, dated the day it took effect. How many were new.
   */
  async keepExpiries(manager: EntityManager, fromDay: string, today: string): Promise<number> {
    const kept = await manager.query<unknown[]>(
      `INSERT INTO credential_changes (tx_id, credential_id, event, on_day)
       SELECT pg_current_xact_id()::text::bigint, c.id, 'expired', c.valid_until + 1
         FROM credentials c
        WHERE c.valid_until BETWEEN $1::date - 1 AND $2::date - 1
          AND c.verification_status = 'verified' AND c.status NOT IN ('revoked', 'superseded')
       ON CONFLICT (credential_id, event, on_day) WHERE on_day IS NOT NULL DO NOTHING
       RETURNING credential_id`,
      [fromDay, today],
    );
    return kept.length;
  }

  /** The next period of validity of a renewal: a second from the same day is refused. */
  async insertPeriod(
    manager: EntityManager,
    credentialId: string,
    period: { validFrom: string; validUntil: string | null },
  ): Promise<void> {
    await manager.insert(CredentialPeriod, { credentialId, ...period });
    await this.countPeriods(manager, credentialId);
  }

  /** A further period of validity (a card valid again on readmission); one per start day. */
  async addPeriod(
    manager: EntityManager,
    credentialId: string,
    period: { validFrom: string; validUntil: string | null },
  ): Promise<void> {
    await manager.upsert(CredentialPeriod, { credentialId, ...period }, [
      'credentialId',
      'validFrom',
    ]);
    await this.countPeriods(manager, credentialId);
  }

  /** The credential's count of its periods, after one was added. */
  private async countPeriods(manager: EntityManager, credentialId: string): Promise<void> {
    await manager.query(
      `UPDATE credentials SET period_count =
              (SELECT count(*) FROM credential_periods WHERE credential_id = $1)
        WHERE id = $1`,
      [credentialId],
    );
  }

  /** Moves the period that began on `validFrom` to the corrected dates. */
  async correctPeriod(
    manager: EntityManager,
    credentialId: string,
    validFrom: string,
    corrected: { validFrom: string; validUntil: string | null },
  ): Promise<void> {
    await manager.update(CredentialPeriod, { credentialId, validFrom }, corrected);
  }

  async insertEvent(
    manager: EntityManager,
    values: Pick<CredentialEvent, 'credentialId' | 'event' | 'actorAccountId'> &
      Partial<
        Pick<
          CredentialEvent,
          | 'reason'
          | 'method'
          | 'sourceReference'
          | 'suspendedUntil'
          | 'suspensionId'
          | 'announcedUntil'
        >
      >,
  ): Promise<void> {
    // Dated on the association's calendar: the day it took effect, for every reader of history.
    await manager.insert(CredentialEvent, { ...values, effectiveOn: this.calendar.today() });
  }

  /** Every suspension kept of a credential, oldest first. */
  suspensionsOf(manager: EntityManager, credentialId: string): Promise<CredentialSuspension[]> {
    return manager.find(CredentialSuspension, {
      where: { credentialId },
      order: { startsOn: 'ASC', createdAt: 'ASC' },
    });
  }

  /** Keeps a suspension; one from a source record already kept is not kept twice (null). */
  async insertSuspension(
    manager: EntityManager,
    values: Pick<
      CredentialSuspension,
      'credentialId' | 'source' | 'sourceId' | 'reason' | 'startsOn' | 'endsOn'
    >,
  ): Promise<string | null> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO credential_suspensions (credential_id, source, source_id, reason, starts_on, ends_on)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (credential_id, source_id) WHERE source_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        values.credentialId,
        values.source,
        values.sourceId,
        values.reason,
        values.startsOn,
        values.endsOn,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** Lifts these kept suspensions on a day, with the reason; the announced end is kept. */
  async liftSuspensions(
    manager: EntityManager,
    ids: string[],
    liftedOn: string,
    liftReason: string,
  ): Promise<void> {
    if (ids.length)
      await manager.update(CredentialSuspension, { id: In(ids) }, { liftedOn, liftReason });
  }

  /** The credentials the association issued a person (not cards), still valid on the day, locked. */
  lockIssuedHereTo(manager: EntityManager, personId: string, today: string): Promise<Credential[]> {
    return manager
      .getRepository(Credential)
      .createQueryBuilder('c')
      .innerJoin('c.credentialType', 'type')
      .where('c.person_id = :personId', { personId })
      .andWhere(`type.issuer_kind = 'association' AND NOT type.membership_card`)
      .andWhere(`c.status <> 'revoked'`)
      .andWhere('(c.valid_until IS NULL OR c.valid_until >= :today)', { today })
      .orderBy('c.id')
      .setLock('pessimistic_write', undefined, ['c'])
      .getMany();
  }
}
