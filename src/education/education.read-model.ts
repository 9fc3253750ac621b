import type { QualificationStatus } from 'src/education/education.types';

export interface QualificationOnRecord {
  degree: string;
  degreeCode: string | null;
  status: QualificationStatus;
  field: string;
  institutionAccredited: boolean;
  /** The level of its degree, where the degree code has one. */
  degreeLevel: string | null;
}

/**
 * What other modules may read of education inside their own statements (a standing reads every
 * module's facts in one). The shape of the qualification tables stays here.
 */
export const EDUCATION_READ_MODEL = {
  /**
   * The person's verified qualifications as a JSON array of {degree, degreeCode, status, field,
   * institutionAccredited, degreeLevel}: QualificationOnRecord.
   */
  verifiedQualificationsJson: (personPh: string) =>
    `(SELECT coalesce(json_agg(json_build_object(
                 'degree', q.degree, 'degreeCode', q.degree_code, 'status', q.status, 'field', q.field,
                 'institutionAccredited', i.accreditation_status = 'accredited', 'degreeLevel', d.level)
               ORDER BY q.created_at), '[]'::json)
        FROM qualifications q JOIN institutions i ON i.id = q.institution_id
        LEFT JOIN degrees d ON d.code = q.degree_code
       WHERE q.person_id = ${personPh} AND q.status = 'verified')`,
} as const;
