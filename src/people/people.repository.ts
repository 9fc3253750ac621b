import { Injectable } from '@nestjs/common';
import type { ScopeCondition } from 'src/auth/access';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { escapeLike } from 'src/common/paging';
import { Person } from 'src/people/entities/person.entity';

/** A person brought in by a register import. */
export interface NewPersonRow {
  fullName: string;
  nationalId: string;
  email: string | null;
  birthDate: string | null;
}

/** Every query of person records, named. */
@Injectable()
export class PeopleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Ids of the people recorded with these national ID numbers, keyed by number. */
  async idsByNationalId(
    manager: EntityManager,
    nationalIds: string[],
  ): Promise<Map<string, string>> {
    const rows = await manager.query<{ id: string; national_id: string }[]>(
      `SELECT id, national_id FROM persons WHERE national_id = ANY($1)`,
      [nationalIds],
    );
    return new Map(rows.map((row) => [row.national_id, row.id]));
  }

  /** Many people at once, in one statement; their ids keyed by national ID number. */
  async insertMany(
    manager: EntityManager,
    people: NewPersonRow[],
  ): Promise<{ id: string; national_id: string }[]> {
    return manager.query<{ id: string; national_id: string }[]>(
      `INSERT INTO persons (full_name, national_id, email, birth_date)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::date[])
       RETURNING id, national_id`,
      [
        people.map((p) => p.fullName),
        people.map((p) => p.nationalId),
        people.map((p) => p.email),
        people.map((p) => p.birthDate),
      ],
    );
  }

  /** People by part of their name (folded), email, national ID or chapter, by name. */
  searchQuery(filters: {
    name?: string;
    email?: string;
    nationalId?: string;
    /** People of a chapter (their membership's), as PersonChapters says. */
    inChapter?: ScopeCondition | null;
    /** A scoped staff account's people only. */
    scope?: ScopeCondition | null;
  }): SelectQueryBuilder<Person> {
    const qb = this.dataSource.getRepository(Person).createQueryBuilder('p');
    if (filters.name) {
      qb.andWhere(`p.folded_name LIKE '%' || fold_text(:name) || '%'`, {
        name: escapeLike(filters.name.trim()),
      });
    }
    if (filters.email) qb.andWhere('lower(p.email) = lower(:email)', { email: filters.email });
    if (filters.nationalId)
      qb.andWhere('p.national_id = :nationalId', { nationalId: filters.nationalId });
    if (filters.inChapter) qb.andWhere(filters.inChapter.sql, filters.inChapter.parameters);
    if (filters.scope) qb.andWhere(filters.scope.sql, filters.scope.parameters);
    return qb.orderBy('p.full_name', 'ASC').addOrderBy('p.id', 'ASC');
  }

  insert(
    manager: EntityManager,
    values: Pick<Person, 'fullName' | 'email' | 'phone' | 'birthDate' | 'nationalId' | 'language'>,
  ): Promise<Person> {
    return manager.save(manager.create(Person, values));
  }

  save(manager: EntityManager, person: Person): Promise<Person> {
    return manager.save(Person, person);
  }

  find(manager: EntityManager, id: string, forUpdate = false): Promise<Person | null> {
    return manager.findOne(Person, {
      where: { id },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }
}
