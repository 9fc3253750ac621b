import { HOLDS_FOR_SQL } from 'src/common/profession-scope';
import { STATUS_CONDITIONS_SQL } from 'src/credentials/credential-rules';
import { PEOPLE_READ_MODEL } from 'src/people/people.read-model';

/** A verified credential as a CPD cycle: its type, number, validity, and whether it is active. */
/** A change of a watched credential, as CREDENTIALS_READ_MODEL.changesAfter reads it. */
export interface WatchedChange {
  txId: string;
  id: string;
  credentialId: string;
  number: string;
  event: string;
  occurredAt: Date;
}

export interface VerifiedCycle {
  personId: string;
  typeCode: string;
  /** The profession of its type (null: a type of no profession). */
  typeProfessionId?: string | null;
  number: string;
  validFrom: string;
  validUntil: string | null;
  active: boolean;
}

/**
 * The validity period of credential `c` that the day at `dayPh` falls in, or the last begun by
 * then, read as PERIOD_COLUMNS: a renewal kept the number and began a period, and each period is
 * a CPD cycle of its own. The last period runs to the credential's own end (a membership card's
 * cover moves it). A credential of one period is its own dates, and its periods are not looked
 * up: a compliance report reads a million holders, and a lookup each took five seconds (bench/).
 */
const PERIOD_ON_DAY = (dayPh: string) =>
  `LEFT JOIN LATERAL (
     SELECT period.valid_from,
            CASE WHEN EXISTS (SELECT 1 FROM credential_periods later
                               WHERE later.credential_id = c.id
                                 AND later.valid_from > period.valid_from)
                 THEN period.valid_until ELSE c.valid_until END AS valid_until
       FROM credential_periods period
      WHERE c.period_count > 1 AND period.credential_id = c.id AND period.valid_from <= ${dayPh}::date
      ORDER BY period.valid_from DESC LIMIT 1) began ON true`;

/** The columns "validFrom" and "validUntil" of the period PERIOD_ON_DAY joined. */
const PERIOD_COLUMNS = `coalesce(began.valid_from, c.valid_from)::text AS "validFrom",
          (CASE WHEN began.valid_from IS NULL THEN c.valid_until ELSE began.valid_until END)::text
            AS "validUntil"`;

/**
 * Verified credentials begun by the day at `asOfPlaceholder`, revoked ones aside: one row for
 * each validity period begun by then, active when the credential is and the period is the one in
 * force (a renewal's new period is a new cycle, read under the policy in force as it began).
 */
const VERIFIED_CYCLES = (personCondition: string, asOfPlaceholder: string) =>
  `SELECT c.person_id AS "personId", t.code AS "typeCode",
          t.profession_id AS "typeProfessionId", c.number,
          coalesce(p.valid_from, c.valid_from)::text AS "validFrom",
          (CASE WHEN p.valid_from IS NULL OR next.valid_from IS NULL THEN c.valid_until
                ELSE p.valid_until END)::text AS "validUntil",
          coalesce(${STATUS_CONDITIONS_SQL('c', `${asOfPlaceholder}::date`).active}
                   AND (next.valid_from IS NULL OR next.valid_from > ${asOfPlaceholder}::date),
                   false) AS active
     FROM credentials c JOIN credential_types t ON t.id = c.credential_type_id
     LEFT JOIN credential_periods p
       ON p.credential_id = c.id AND p.valid_from <= ${asOfPlaceholder}::date
     LEFT JOIN LATERAL (
       SELECT min(later.valid_from) AS valid_from FROM credential_periods later
        WHERE later.credential_id = c.id AND later.valid_from > p.valid_from) next ON true
    WHERE ${personCondition} AND c.status <> 'revoked'
      AND c.verification_status = 'verified' AND c.valid_from <= ${asOfPlaceholder}::date
    ORDER BY c.person_id, coalesce(p.valid_from, c.valid_from), c.number`;

/**
 * What CPD reads of credentials inside its own statements: each verified credential is a cycle
 * of the policies that follow its type, and a valid one binds its holder. The shape of the
 * credential tables stays here.
 */
/**
 * Holders of a credential type valid on a day, as CPD's compliance report reads them: one row
 * each with "personId", "fullName", "number", "validFrom" and "validUntil".
 */
const VALID_OF_TYPE = (
  typeCodePlaceholder: string,
  asOfPlaceholder: string,
  professionPh: string,
) =>
  `SELECT c.person_id AS "personId", ${PEOPLE_READ_MODEL.fullName('p')} AS "fullName", c.number,
          ${PERIOD_COLUMNS}
     FROM credentials c
     JOIN credential_types t ON t.id = c.credential_type_id
     ${PEOPLE_READ_MODEL.join('p', 'c.person_id')}
     ${PERIOD_ON_DAY(asOfPlaceholder)}
    WHERE t.code = ${typeCodePlaceholder} AND ${HOLDS_FOR_SQL('t.profession_id', professionPh)}
      AND ${STATUS_CONDITIONS_SQL('c', `${asOfPlaceholder}::date`).active}
      AND c.verification_status = 'verified' AND c.valid_from <= ${asOfPlaceholder}::date`;

/**
 * A person's credentials begun by the day at `dayPh`, each with what its history says of that
 * day: the validity period it was in (the last begun by then, running on into the renewal that
 * follows it without a gap), whether it had been revoked or superseded, and the last suspension or
 * reinstatement by then, events dated in the zone at `tzPh`. CredentialHistoryRow rows.
 */
/** The day an event took effect: its calendar day, or for one kept before events were dated, its instant's day in the zone at `tzPh`. */
const EVENT_DAY = (tzPh: string) =>
  `coalesce(effective_on, (occurred_at AT TIME ZONE ${tzPh})::date)`;

const HISTORY_ON_DAY = (personPh: string, dayPh: string, tzPh: string) =>
  `SELECT c.id, t.id AS "typeId", t.code AS "typeCode", t.name AS "typeName",
          t.profession_id AS "typeProfessionId", c.number,
          c.verification_status AS verification, t.publicly_verifiable AS "publiclyVerifiable",
          c.valid_from::text AS "heldSince", coalesce(p.valid_from, c.valid_from)::text AS "validFrom",
          (CASE WHEN p.valid_from IS NULL THEN c.valid_until
                ELSE coalesce(renewed.valid_until, p.valid_until) END)::text AS "validUntil",
          r.revoked_on::text AS "revokedOn",
          sup.superseded_on::text AS "supersededOn",
          CASE WHEN sup.superseded_on IS NOT NULL THEN successor.number END AS "supersededBy",
          s.event = 'suspended' AS suspended, s.suspended_until::text AS "suspendedUntil"
     FROM credentials c
     JOIN credential_types t ON t.id = c.credential_type_id
     LEFT JOIN LATERAL (
       SELECT valid_from, valid_until FROM credential_periods
        WHERE credential_id = c.id AND valid_from <= ${dayPh}::date
        ORDER BY valid_from DESC LIMIT 1) p ON true
     LEFT JOIN credential_periods renewed
       ON renewed.credential_id = c.id AND renewed.valid_from = p.valid_until + 1
     LEFT JOIN LATERAL (
       SELECT min(${EVENT_DAY(tzPh)}) AS revoked_on FROM credential_events
        WHERE credential_id = c.id AND event = 'revoked' AND ${EVENT_DAY(tzPh)} <= ${dayPh}::date) r ON true
     LEFT JOIN LATERAL (
       SELECT min(${EVENT_DAY(tzPh)}) AS superseded_on FROM credential_events
        WHERE credential_id = c.id AND event = 'superseded' AND ${EVENT_DAY(tzPh)} <= ${dayPh}::date) sup ON true
     LEFT JOIN credentials successor ON successor.id = c.superseded_by_id
     LEFT JOIN LATERAL (
       SELECT event, suspended_until FROM credential_events
        WHERE credential_id = c.id AND event IN ('suspended', 'reinstated')
          AND ${EVENT_DAY(tzPh)} <= ${dayPh}::date
        ORDER BY ${EVENT_DAY(tzPh)} DESC, occurred_at DESC LIMIT 1) s ON true
    WHERE c.person_id = ${personPh} AND c.valid_from <= ${dayPh}::date
    ORDER BY t.code, coalesce(p.valid_from, c.valid_from) DESC, c.number`;

export const CREDENTIALS_READ_MODEL = {
  /**
   * Credentials issued here, verified, neither revoked nor superseded, whose validity ends from
   * the day at `todayPh` to `aheadDaysPh` days after it: reminder items {itemId, personId,
   * endsOn, graceDays, label, professionId, scopeId (the type)}.
   */
  endingForReminders: (todayPh: string, aheadDaysPh: string) =>
    `SELECT c.id AS "itemId", c.person_id AS "personId", c.valid_until AS "endsOn",
            t.grace_days AS "graceDays", t.name || ' ' || c.number AS label,
            t.profession_id AS "professionId", t.id AS "scopeId"
       FROM credentials c JOIN credential_types t ON t.id = c.credential_type_id
      WHERE t.issuer_kind = 'association' AND c.verification_status = 'verified'
        AND c.status NOT IN ('revoked', 'superseded')
        AND c.valid_until BETWEEN ${todayPh}::date AND ${todayPh}::date + ${aheadDaysPh}::int`,
  /** A person's credentials as of a day, as a JSON array of CredentialHistoryRow. */
  historyOnDayJson: (personPh: string, dayPh: string, tzPh: string) =>
    `(SELECT coalesce(json_agg(history), '[]'::json)
        FROM (${HISTORY_ON_DAY(personPh, dayPh, tzPh)}) history)`,
  validOfType: VALID_OF_TYPE,
  /**
   * The verified credentials, revoked ones aside, of the person in `personColumn` of the types
   * in `typeCodesPh` (text[]) that hold for the profession at `professionPh`, begun by the day at `asOfPh`: code, number and validFrom split by
   * the unit separator (chr 31), each credential by the record separator (chr 30), in the order
   * they began, or null: a number may hold any printable character. What CPD lets stand in for
   * credits (an exam passed).
   */
  passedOfTypes: (
    personColumn: string,
    typeCodesPh: string,
    asOfPh: string,
    professionPh: string,
  ) =>
    `(SELECT string_agg(t.code || chr(31) || c.number || chr(31) || c.valid_from::text, chr(30)
                        ORDER BY c.valid_from, c.number)
        FROM credentials c JOIN credential_types t ON t.id = c.credential_type_id
       WHERE c.person_id = ${personColumn} AND t.code = ANY(${typeCodesPh}::text[])
         AND ${HOLDS_FOR_SQL('t.profession_id', professionPh)} AND c.status <> 'revoked' AND c.verification_status = 'verified'
         AND c.valid_from <= ${asOfPh}::date)`,
  /**
   * The changes a verifier would see of the credentials `credentialIdsSql` (a subquery of ids)
   * after the cursor (`afterTxPh`, `afterIdPh`), in order, at most `limitPh`: only those of
   * transactions older than every one still running, so none committed later can come before
   * them. WatchedChange rows.
   */
  changesAfter: (credentialIdsSql: string, afterTxPh: string, afterIdPh: string, limitPh: string) =>
    `SELECT ch.tx_id::text AS "txId", ch.id::text AS id, c.id AS "credentialId", c.number,
            ch.event, ch.occurred_at AS "occurredAt"
       FROM credential_changes ch JOIN credentials c ON c.id = ch.credential_id
      WHERE ch.credential_id IN (${credentialIdsSql})
        AND (ch.tx_id, ch.id) > (${afterTxPh}::bigint, ${afterIdPh}::bigint)
        AND ch.tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
      ORDER BY ch.tx_id, ch.id
      LIMIT ${limitPh}`,
  /** The name of the credential type whose id is in `typeIdColumn` (null for none). */
  typeName: (typeIdColumn: string) =>
    `(SELECT named.name FROM credential_types named WHERE named.id = ${typeIdColumn})`,
  /** VerifiedCycle rows of the people `personCondition` (over `c.person_id`) picks. */
  verifiedCycles: VERIFIED_CYCLES,
  /** One person's as a JSON array of VerifiedCycle, in the order they began. */
  verifiedCyclesJson: (personIdPlaceholder: string, asOfPlaceholder: string) =>
    `(SELECT coalesce(json_agg(cycle ORDER BY cycle."validFrom", cycle.number), '[]'::json)
        FROM (${VERIFIED_CYCLES(`c.person_id = ${personIdPlaceholder}`, asOfPlaceholder)}) cycle)`,
} as const;
