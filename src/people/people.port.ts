import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import type { CreatePersonDto } from 'src/people/dto/create-person.dto';
import type { Person } from 'src/people/entities/person.entity';
import { type NewPersonRow, PeopleRepository } from 'src/people/people.repository';
import { DeclarationsRepository } from 'src/people/declarations.repository';
import type { ScopeCondition } from 'src/auth/access';

/**
 * A person's chapter, asked of the module that keeps it: the chapter of their membership, or
 * before admission of their open application. People sits below membership, so it asks through
 * this, which membership answers (membership/access.module.ts); the person record keeps no
 * chapter of its own.
 */
export abstract class PersonChapters {
  /** The chapter of each of these people who has one. */
  abstract chaptersOf(manager: EntityManager, personIds: string[]): Promise<Map<string, string>>;
  /** A condition a list adds on its person id column: the person's chapter is this one. */
  abstract inChapter(chapterId: string, personIdColumn: string): ScopeCondition;
}

/** What requirements read of a person's own record (requirement-rules' PersonFacts). */
export interface PersonRecordFacts {
  birthDate: string | null;
  declarations: {
    code: string;
    declaredOn: string;
    outcome: 'confirmed' | 'refuted' | null;
    checkedOn: string | null;
  }[];
  acts: { code: string; decidedOn: string; reference: string }[];
}

export const PERSON_FIELDS: (keyof Person)[] = [
  'fullName',
  'email',
  'phone',
  'birthDate',
  'nationalId',
  'language',
];

/**
 * What other modules may ask of people: each method works in the caller's transaction (or on the
 * reader it names), takes no access decision and builds no response. The actor passed to a write
 * is the one its audit row names.
 */
@Injectable()
export class PeoplePort {
  constructor(
    private readonly repository: PeopleRepository,
    private readonly declarations: DeclarationsRepository,
    private readonly audit: AuditService,
    private readonly chapters: PersonChapters,
  ) {}

  /**
   * What requirements read of the person's own record as it stood on `day`: birth date, the
   * declarations made by then (a check made later not yet known), the acts decided by then.
   */
  async requirementFacts(
    manager: EntityManager,
    personId: string,
    day: string,
  ): Promise<PersonRecordFacts> {
    const person = await this.repository.find(manager, personId);
    const declarations = await this.declarations.declarationsOf(manager, personId);
    const acts = await this.declarations.actsOf(manager, personId);
    return {
      birthDate: person?.birthDate ?? null,
      declarations: declarations
        .filter((declaration) => declaration.declaredOn <= day)
        .map(({ code, declaredOn, outcome, checkedOn }) =>
          checkedOn !== null && checkedOn <= day
            ? { code, declaredOn, outcome, checkedOn }
            : { code, declaredOn, outcome: null, checkedOn: null },
        ),
      acts: acts
        .filter((act) => act.decidedOn <= day)
        .map(({ code, decidedOn, reference }) => ({ code, decidedOn, reference })),
    };
  }

  /** Creates a person inside a caller's transaction (e.g. self-registration with its account). */
  async createWith(manager: EntityManager, actor: Actor, dto: CreatePersonDto): Promise<Person> {
    const person = await this.repository.insert(manager, {
      fullName: dto.fullName,
      email: dto.email ?? null,
      phone: dto.phone ?? null,
      birthDate: dto.birthDate ?? null,
      nationalId: dto.nationalId ?? null,
      language: dto.language ?? null,
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

  /**
   * The chapter a person belongs to, in the caller's transaction: their membership's, or their
   * open application's (null: neither).
   */
  async chapterIdOf(manager: EntityManager, personId: string): Promise<string | null> {
    return (await this.chapters.chaptersOf(manager, [personId])).get(personId) ?? null;
  }

  /** A person's name as given, for documents about them (null: no such person). */
  async fullNameOf(manager: EntityManager, personId: string): Promise<string | null> {
    return (await this.repository.find(manager, personId))?.fullName ?? null;
  }
}
