/**
 * Remedial training a final decision imposed on a person: so many CPD credits between the day it
 * took effect and its due date, an obligation the CPD module counts like any other.
 */
export interface RemedialObligation {
  caseId: string;
  name: string;
  credits: number;
  startsOn: string;
  dueOn: string;
}

/**
 * What the CPD transcript reads of ethics sanctions inside its own statement: remedial training
 * an ethics decision imposed. The shape of the case tables stays here.
 */
const REMEDIAL_SANCTIONS = (respondentCondition: string) =>
  `SELECT s.case_id AS "caseId", t.name, s.credits, s.took_effect_on::text AS "startsOn",
          s.due_on::text AS "dueOn"
     FROM case_sanctions s
     JOIN sanction_types t ON t.id = s.sanction_type_id
     JOIN ethics_cases c ON c.id = s.case_id
    WHERE ${respondentCondition} AND t.effect = 'remedial' AND s.took_effect_on IS NOT NULL
    ORDER BY s.took_effect_on, s.id`;

export const CASES_READ_MODEL = {
  /** The person's remedial obligations in effect, as a JSON array of RemedialObligation. */
  remedialSanctionsJson: (personIdPlaceholder: string) =>
    `(SELECT coalesce(json_agg(remedial ORDER BY remedial."startsOn"), '[]'::json)
        FROM (${REMEDIAL_SANCTIONS(`c.respondent_person_id = ${personIdPlaceholder}`)}) remedial)`,
} as const;
