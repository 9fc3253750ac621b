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
import { PeopleRepository } from 'src/people/people.repository';
import { PERSON_FIELDS, PeoplePort, PersonChapters } from 'src/people/people.port';

@Injectable()
export class PeopleService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: PeopleRepository,
    private readonly audit: AuditService,
    private readonly access: Access,
    private readonly port: PeoplePort,
    private readonly chapters: PersonChapters,
  ) {}

  /**
   * What a reader may see of a person: the national ID only for staff and the person; the
   * chapter is their membership's (or open application's), as every reader reads it.
   */
  view(actor: Actor, person: Person, chapterId: string | null): PersonResponse {
    const { nationalId, ...rest } = person;
    const seen = { ...rest, chapterId };
    return isStaffActor(actor) || isSelf(actor, person.id) ? { ...seen, nationalId } : seen;
  }

  private async viewOne(actor: Actor, person: Person): Promise<PersonResponse> {
    const chapters = await this.chapters.chaptersOf(this.transactions.reader, [person.id]);
    return this.view(actor, person, chapters.get(person.id) ?? null);
  }

  async create(actor: Actor, dto: CreatePersonDto): Promise<PersonResponse> {
    const person = await this.transactions.run((manager) =>
      this.port.createWith(manager, actor, dto),
    );
    return this.view(actor, person, null);
  }

  async get(actor: Actor, id: string): Promise<PersonResponse> {
    await this.access.requirePerson(actor, id);
    return this.viewOne(actor, await this.find(this.transactions.reader, id));
  }

  getMine(actor: Actor): Promise<PersonResponse> {
    return this.get(actor, requireOwnPerson(actor));
  }

  async search(actor: Actor, query: PeopleQuery): Promise<Page<PersonResponse>> {
    const qb = this.repository.searchQuery({
      name: query.name,
      email: query.email,
      nationalId: query.nationalId,
      inChapter: query.chapterId ? this.chapters.inChapter(query.chapterId, 'p.id') : null,
      scope: this.access.listCondition(actor, 'p.id'),
    });
    const page = await paginateCountingToCap(qb, query, (person) => person);
    const chapters = await this.chapters.chaptersOf(
      this.transactions.reader,
      page.items.map((person) => person.id),
    );
    return {
      ...page,
      items: page.items.map((person) => this.view(actor, person, chapters.get(person.id) ?? null)),
    };
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
    return this.viewOne(actor, person);
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<Person> {
    const person = await this.repository.find(manager, id, forUpdate);
    if (!person) throw notFound('Person', id);
    return person;
  }
}
