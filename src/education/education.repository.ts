import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { escapeLike } from 'src/common/paging';
import type { QualificationStatus } from 'src/education/education.types';
import { Institution } from 'src/education/entities/institution.entity';
import { Qualification } from 'src/education/entities/qualification.entity';

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
    return qb.orderBy('q.createdAt', 'ASC').addOrderBy('q.id', 'ASC');
  }

  /** A person's qualifications, verified ones first. */
  async degreesOfPerson(
    manager: EntityManager,
    personId: string,
  ): Promise<{ degree: string; degreeCode: string | null; status: QualificationStatus }[]> {
    const rows = await manager.query<
      { degree: string; degree_code: string | null; status: QualificationStatus }[]
    >(
      `SELECT degree, degree_code, status FROM qualifications WHERE person_id = $1
        ORDER BY (status = 'verified') DESC, created_at`,
      [personId],
    );
    return rows.map((row) => ({
      degree: row.degree,
      degreeCode: row.degree_code,
      status: row.status,
    }));
  }
}
