import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QualificationOnRecord } from 'src/education/education.read-model';
import { EducationRepository } from 'src/education/education.repository';

/** What other modules may ask of education: facts read in the caller's transaction. */
@Injectable()
export class EducationPort {
  constructor(private readonly repository: EducationRepository) {}

  /** A person's qualifications as a requirement reads them: degree, its code, status, field, accreditation. */
  qualificationsOf(manager: EntityManager, personId: string): Promise<QualificationOnRecord[]> {
    return this.repository.degreesOfPerson(manager, personId);
  }

  /** Names of these degree codes; a code the association does not know is left out. */
  async degreeNames(manager: EntityManager, codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const degrees = await this.repository.degreesByCode(manager, codes);
    return new Map(degrees.map((degree) => [degree.code, degree.name]));
  }
}
