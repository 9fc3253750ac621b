import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { Access, isSelf, isStaffActor, requireOwnPerson } from 'src/auth/access';
import { Transactions } from 'src/database/transactions';
import type { Actor } from 'src/auth/principal';
import { notFound } from 'src/common/errors/app-error';
import { type Page, paginateCountingToCap } from 'src/common/paging';
import type { CreatePersonDto } from 'src/people/dto/create-person.dto';
import type { PeopleQuery } from 'src/people/dto/people.query.dto';
import type { PersonResponse } from 'src/people/dto/person.response.dto';
import type { UpdateContactDetailsDto, UpdatePersonDto } from 'src/people/dto/update-person.dto';
import type { Person } from 'src/people/entities/person.entity';
import { type NewPersonRow, PeopleRepository } from 'src/people/people.repository';

const PERSON_FIELDS: (keyof Person)[] = [
  'fullName',
  'email',
  'phone',
  'birthDate',
  'nationalId',
  'chapterId',
];

@Injectable()
export class PeopleService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: PeopleRepository,
    private readonly audit: AuditService,
    private readonly access: Access,
  ) {}

  /** What a reader may see of a person: the national ID only for staff and the person. */
  view(actor: Actor, person: Person): PersonResponse {
    const { nationalId, ...rest } = person;
    return isStaffActor(actor) || isSelf(actor, person.id) ? { ...rest, nationalId } : rest;
  }

  async create(actor: Actor, dto: CreatePersonDto): Promise<PersonResponse> {
    const person = await this.transactions.run((manager) => this.createWith(manager, actor, dto));
    return this.view(actor, person);
  }

  /** Creates a person inside a caller's transaction (e.g. self-registration with its account). */
  async createWith(manager: EntityManager, actor: Actor, dto: CreatePersonDto): Promise<Person> {
    const person = await this.repository.insert(manager, {
      fullName: dto.fullName,
      email: dto.email ?? null,
      phone: dto.phone ?? null,
      birthDate: dto.birthDate ?? null,
      nationalId: dto.nationalId ?? null,
      chapterId: dto.chapterId ?? null,
    });
    await this.audit.record(manager, actor, {
      action: 'person.created',
      entityType: 'person',
      entityId: person.id,
      after: Object.fromEntries(PERSON_FIELDS.map((f) => [f, person[f]])),
    });
    return person;
  }

  /** Ids of the people recorded with these national ID numbers. */
  idsByNationalId(manager: EntityManager, nationalIds: string[]): Promise<Map<string, string>> {
    return this.repository.idsByNationalId(manager, nationalIds);
  }

  /**
   * Records many people at once (a register import) in the caller's transaction; `source` names
   * where they came from in each audit row. Returns the new ids by national ID number.
   */
  async createMany(
    manager: EntityManager,
    actor: Actor,
    people: NewPersonRow[],
    source: string,
  ): Promise<Map<string, string>> {
    if (!people.length) return new Map();
    const rows = await this.repository.insertMany(manager, people);
    await this.audit.recordMany(
      manager,
      actor,
      rows.map((row) => ({
        action: 'person.created',
        entityType: 'person',
        entityId: row.id,
        after: { nationalId: row.national_id, source },
      })),
    );
    return new Map(rows.map((row) => [row.national_id, row.id]));
  }

  async exists(manager: EntityManager, personId: string): Promise<boolean> {
    return (await this.repository.find(manager, personId)) !== null;
  }

  /** The chapter a person belongs to, in the caller's transaction (null: none, or no person). */
  async chapterIdOf(manager: EntityManager, personId: string): Promise<string | null> {
    return (await this.repository.find(manager, personId))?.chapterId ?? null;
  }

  /** A person's name as given, for documents about them (null: no such person). */
  async fullNameOf(personId: string): Promise<string | null> {
    return (await this.repository.find(this.transactions.reader, personId))?.fullName ?? null;
  }

  async get(actor: Actor, id: string): Promise<PersonResponse> {
    await this.access.requirePerson(actor, id);
    return this.view(actor, await this.find(this.transactions.reader, id));
  }

  getMine(actor: Actor): Promise<PersonResponse> {
    return this.get(actor, requireOwnPerson(actor));
  }

  async search(actor: Actor, query: PeopleQuery): Promise<Page<PersonResponse>> {
    const qb = this.repository.searchQuery({
      name: query.name,
      email: query.email,
      nationalId: query.nationalId,
      chapterId: query.chapterId,
      scope: this.access.listCondition(actor, 'p.id'),
    });
    return paginateCountingToCap(qb, query, (person) => this.view(actor, person));
  }

  update(actor: Actor, id: string, dto: UpdatePersonDto): Promise<PersonResponse> {
    return this.change(actor, id, dto);
  }

  updateMine(actor: Actor, dto: UpdateContactDetailsDto): Promise<PersonResponse> {
    return this.change(actor, requireOwnPerson(actor), dto);
  }

  private async change(
    actor: Actor,
    id: string,
    dto: UpdatePersonDto | UpdateContactDetailsDto,
  ): Promise<PersonResponse> {
    await this.access.requirePerson(actor, id);
    const person = await this.transactions.run(async (manager) => {
      const before = await this.find(manager, id, true);
      const after: Person = { ...before, ...dto };
      const diff = changedFields(before, after, PERSON_FIELDS);
      if (!diff.changed.length) return before;
      const saved = await this.repository.save(manager, after);
      await this.audit.record(manager, actor, {
        action: 'person.updated',
        entityType: 'person',
        entityId: id,
        before: diff.before,
        after: diff.after,
      });
      return saved;
    });
    return this.view(actor, person);
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<Person> {
    const person = await this.repository.find(manager, id, forUpdate);
    if (!person) throw notFound('Person', id);
    return person;
  }
}
