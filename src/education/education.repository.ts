import { Injectable } from '@nestjs/common';
import type { ScopeCondition } from 'src/auth/access';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { escapeLike } from 'src/common/paging';
import type { QualificationStatus } from 'src/education/education.types';
import { Degree } from 'src/education/entities/degree.entity';
import { Institution } from 'src/education/entities/institution.entity';
import { QualificationReview } from 'src/education/entities/qualification-review.entity';
import { Qualification } from 'src/education/entities/qualification.entity';

/** A person's qualification as requirements read it. */

import type { QualificationOnRecord } from 'src/education/education.read-model';

export type { QualificationOnRecord };

/** Every query of institutions and qualifications, named. */
@Injectable()
export class EducationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The institution of this name (case and accents ignored) in this country, if recorded. */
  findInstitutionByName(name: string, country: string): Promise<Institution | null> {
    return this.dataSource
      .getRepository(Institution)
      .createQueryBuilder('i')
      .where('fold_text(i.name) = fold_text(:name) AND i.country = :country', { name, country })
      .getOne();
  }

  /** Institutions whose name holds every word (in any order), by name (for paging). */
  institutionsQuery(filters: { name?: string; country?: string }): SelectQueryBuilder<Institution> {
    const qb = this.dataSource.getRepository(Institution).createQueryBuilder('i');
    const words = (filters.name ?? '').split(/\s+/).filter(Boolean).slice(0, 10);
    words.forEach((word, i) => {
      qb.andWhere(`fold_text(i.name) LIKE '%' || fold_text(:word${i}) || '%'`, {
        [`word${i}`]: escapeLike(word),
      });
    });
    if (filters.country) qb.andWhere('i.country = :country', { country: filters.country });
    return qb.orderBy('i.name', 'ASC').addOrderBy('i.id', 'ASC');
  }

  /** Qualifications with institution and reviews, oldest first: the registrar's queue order. */
  qualificationsQuery(filters: {
    personId?: string;
    status?: QualificationStatus;
    institutionId?: string;
    scope?: ScopeCondition | null;
  }): SelectQueryBuilder<Qualification> {
    const qb = this.dataSource
      .getRepository(Qualification)
      .createQueryBuilder('q')
      .innerJoinAndSelect('q.institution', 'institution')
      .leftJoinAndSelect('q.reviews', 'review');
    if (filters.personId) qb.andWhere('q.person_id = :personId', { personId: filters.personId });
    if (filters.status) qb.andWhere('q.status = :status', { status: filters.status });
    if (filters.institutionId)
      qb.andWhere('q.institution_id = :institutionId', { institutionId: filters.institutionId });
    if (filters.scope) qb.andWhere(filters.scope.sql, filters.scope.parameters);
    return qb.orderBy('q.createdAt', 'ASC').addOrderBy('q.id', 'ASC');
  }

  /** A person's qualifications, verified ones first. */
  async degreesOfPerson(
    manager: EntityManager,
    personId: string,
  ): Promise<QualificationOnRecord[]> {
    const rows = await manager.query<
      {
        degree: string;
        degree_code: string | null;
        status: QualificationStatus;
        field: string;
        accredited: boolean;
        level: string | null;
      }[]
    >(
      `SELECT q.degree, q.degree_code, q.status, q.field,
              i.accreditation_status = 'accredited' AS accredited, d.level
         FROM qualifications q JOIN institutions i ON i.id = q.institution_id
         LEFT JOIN degrees d ON d.code = q.degree_code
        WHERE q.person_id = $1
        ORDER BY (q.status = 'verified') DESC, q.created_at`,
      [personId],
    );
    return rows.map((row) => ({
      degree: row.degree,
      degreeCode: row.degree_code,
      status: row.status,
      field: row.field,
      institutionAccredited: row.accredited,
      degreeLevel: row.level,
    }));
  }

  findInstitution(manager: EntityManager, id: string): Promise<Institution | null> {
    return manager.findOneBy(Institution, { id });
  }

  lockInstitution(manager: EntityManager, id: string): Promise<Institution | null> {
    return manager.findOne(Institution, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  saveInstitution(manager: EntityManager, institution: Partial<Institution>): Promise<Institution> {
    return manager.save(manager.create(Institution, institution));
  }

  /** The person each of these records belongs to (access before load). */
  async qualificationOwners(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.getRepository(Qualification).find({
      where: { id: In(ids) },
      select: { id: true, personId: true },
    });
    return new Map(rows.map((qualification) => [qualification.id, qualification.personId]));
  }

  /** A qualification with its institution and reviews. */
  findQualification(manager: EntityManager, id: string): Promise<Qualification | null> {
    return manager.findOne(Qualification, {
      where: { id },
      relations: { institution: true, reviews: true },
    });
  }

  lockQualification(manager: EntityManager, id: string): Promise<Qualification | null> {
    return manager.findOne(Qualification, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insertQualification(
    manager: EntityManager,
    values: Pick<
      Qualification,
      | 'personId'
      | 'institutionId'
      | 'degree'
      | 'field'
      | 'graduationDate'
      | 'diplomaNumber'
      | 'status'
    >,
  ): Promise<string> {
    const { identifiers } = await manager.insert(Qualification, values);
    return identifiers[0].id as string;
  }

  async updateQualification(
    manager: EntityManager,
    id: string,
    values: Partial<
      Pick<
        Qualification,
        | 'institutionId'
        | 'degree'
        | 'field'
        | 'graduationDate'
        | 'diplomaNumber'
        | 'status'
        | 'degreeCode'
      >
    >,
  ): Promise<void> {
    await manager.update(Qualification, { id }, values);
  }

  async insertReview(
    manager: EntityManager,
    values: Pick<
      QualificationReview,
      | 'qualificationId'
      | 'decision'
      | 'method'
      | 'sourceReference'
      | 'reason'
      | 'reviewedByAccountId'
    >,
  ): Promise<void> {
    await manager.insert(QualificationReview, values);
  }

  degreeExists(manager: EntityManager, code: string): Promise<boolean> {
    return manager.existsBy(Degree, { code });
  }

  allDegrees(manager: EntityManager): Promise<Degree[]> {
    return manager.find(Degree, { order: { code: 'ASC' } });
  }

  degreesByCode(manager: EntityManager, codes: string[]): Promise<Degree[]> {
    return manager.find(Degree, { where: { code: In(codes) } });
  }

  lockDegree(manager: EntityManager, code: string): Promise<Degree | null> {
    return manager.findOne(Degree, { where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  async updateDegree(
    manager: EntityManager,
    code: string,
    values: Partial<Pick<Degree, 'name' | 'aliases' | 'level'>>,
  ): Promise<void> {
    await manager.update(Degree, { code }, values);
  }

  insertDegree(
    manager: EntityManager,
    values: Pick<Degree, 'code' | 'name' | 'aliases' | 'level'>,
  ) {
    return manager.save(manager.create(Degree, values));
  }
}
