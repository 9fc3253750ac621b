import { STATUS_CONDITIONS_SQL } from 'src/credentials/credential-rules';
import { PEOPLE_READ_MODEL } from 'src/people/people.read-model';

/** A verified credential as a CPD cycle: its type, number, validity, and whether it is active. */
export interface VerifiedCycle {
  personId: string;
  typeCode: string;
  number: string;
  validFrom: string;
  validUntil: string | null;
  active: boolean;
}

/** Verified credentials begun by the day at `asOfPlaceholder`, revoked ones aside. */
const VERIFIED_CYCLES = (personCondition: string, asOfPlaceholder: string) =>
  `SELECT c.person_id AS "personId", t.code AS "typeCode", c.number,
          c.valid_from::text AS "validFrom",
          c.valid_until::text AS "validUntil",
          coalesce(${STATUS_CONDITIONS_SQL('c', `${asOfPlaceholder}::date`).active}, false) AS active
     FROM credentials c JOIN credential_types t ON t.id = c.credential_type_id
    WHERE ${personCondition} AND c.status <> 'revoked'
      AND c.verification_status = 'verified' AND c.valid_from <= ${asOfPlaceholder}::date
    ORDER BY c.person_id, c.valid_from, c.number`;

/**
 * What CPD reads of credentials inside its own statements: each verified credential is a cycle
 * of the policies that follow its type, and a valid one binds its holder. The shape of the
 * credential tables stays here.
 */
/**
 * Holders of a credential type valid on a day, as CPD's compliance report reads them: one row
 * each with "personId", "fullName", "number", "validFrom" and "validUntil".
 */
const VALID_OF_TYPE = (typeCodePlaceholder: string, asOfPlaceholder: string) =>
  `SELECT c.person_id AS "personId", ${PEOPLE_READ_MODEL.fullName('p')} AS "fullName", c.number,
          c.valid_from::text AS "validFrom", c.valid_until::text AS "validUntil"
     FROM credentials c
     JOIN credential_types t ON t.id = c.credential_type_id
     ${PEOPLE_READ_MODEL.join('p', 'c.person_id')}
    WHERE t.code = ${typeCodePlaceholder}
      AND ${STATUS_CONDITIONS_SQL('c', `${asOfPlaceholder}::date`).active}
      AND c.verification_status = 'verified' AND c.valid_from <= ${asOfPlaceholder}::date`;

export const CREDENTIALS_READ_MODEL = {
  validOfType: VALID_OF_TYPE,
  /** VerifiedCycle rows of the people `personCondition` (over `c.person_id`) picks. */
  verifiedCycles: VERIFIED_CYCLES,
  /** One person's as a JSON array of VerifiedCycle, in the order they began. */
  verifiedCyclesJson: (personIdPlaceholder: string, asOfPlaceholder: string) =>
    `(SELECT coalesce(json_agg(cycle ORDER BY cycle."validFrom", cycle.number), '[]'::json)
        FROM (${VERIFIED_CYCLES(`c.person_id = ${personIdPlaceholder}`, asOfPlaceholder)}) cycle)`,
} as const;
