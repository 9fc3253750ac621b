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
  /**
   * The person's ethics on the day at `dayPh`, as JSON {sanctions, openInvestigations}: the
   * sanctions in effect (a suspension in its term, a revocation, remedial training not yet due),
   * each {type, name, effect, public, startsOn, endsOn, dueOn}, and the cases about them that
   * were open investigations that day (statuses in the array at `investigatingPh`).
   */
  standingOnDayJson: (personPh: string, dayPh: string, investigatingPh: string) =>
    `json_build_object(
       'sanctions', (SELECT coalesce(json_agg(json_build_object(
                             'type', t.code, 'name', t.name, 'effect', t.effect, 'public', t.public,
                             'startsOn', s.starts_on, 'endsOn', s.ends_on, 'dueOn', s.due_on)
                           ORDER BY s.took_effect_on), '[]'::json)
                       FROM case_sanctions s
                       JOIN sanction_types t ON t.id = s.sanction_type_id
                       JOIN ethics_cases c ON c.id = s.case_id
                      WHERE c.respondent_person_id = ${personPh} AND s.took_effect_on <= ${dayPh}::date
                        AND (t.effect = 'revocation'
                             OR (t.effect = 'suspension' AND s.ends_on >= ${dayPh}::date)
                             OR (t.effect = 'remedial' AND s.due_on >= ${dayPh}::date))),
       'openInvestigations', (SELECT count(*)
                                FROM ethics_cases c,
                                     LATERAL (SELECT e.to_status FROM ethics_case_events e
                                               WHERE e.case_id = c.id AND e.kind IN ('opened', 'moved')
                                                 AND e.occurred_on <= ${dayPh}::date
                                               ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1) AS on_the_day
                               WHERE c.respondent_person_id = ${personPh} AND c.appeal_of_case_id IS NULL
                                 AND on_the_day.to_status = ANY(${investigatingPh}::text[])))`,
  /** The person's remedial obligations in effect, as a JSON array of RemedialObligation. */
  remedialSanctionsJson: (personIdPlaceholder: string) =>
    `(SELECT coalesce(json_agg(remedial ORDER BY remedial."startsOn"), '[]'::json)
        FROM (${REMEDIAL_SANCTIONS(`c.respondent_person_id = ${personIdPlaceholder}`)}) remedial)`,
} as const;
