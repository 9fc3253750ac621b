import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AssociationAct } from 'src/people/entities/association-act.entity';
import { PersonDeclaration } from 'src/people/entities/person-declaration.entity';

/** Every query of declarations and the association's acts, named. */
@Injectable()
export class DeclarationsRepository {
  insertDeclaration(
    manager: EntityManager,
    values: Pick<
      PersonDeclaration,
      'personId' | 'code' | 'statement' | 'evidence' | 'declaredOn' | 'recordedByAccountId'
    >,
  ): Promise<PersonDeclaration> {
    return manager.save(manager.create(PersonDeclaration, values));
  }

  lockDeclaration(
    manager: EntityManager,
    personId: string,
    id: string,
  ): Promise<PersonDeclaration | null> {
    return manager.findOne(PersonDeclaration, {
      where: { id, personId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async checkDeclaration(
    manager: EntityManager,
    id: string,
    values: Pick<PersonDeclaration, 'outcome' | 'checkedOn' | 'checkedByAccountId' | 'checkMethod'>,
  ): Promise<PersonDeclaration> {
    await manager.update(PersonDeclaration, { id }, values);
    return manager.findOneByOrFail(PersonDeclaration, { id });
  }

  /** A person's declarations, in the order they were made. */
  declarationsOf(manager: EntityManager, personId: string): Promise<PersonDeclaration[]> {
    return manager.find(PersonDeclaration, {
      where: { personId },
      order: { declaredOn: 'ASC', createdAt: 'ASC' },
    });
  }

  insertAct(
    manager: EntityManager,
    values: Pick<
      AssociationAct,
      'personId' | 'code' | 'decidedOn' | 'reference' | 'text' | 'recordedByAccountId'
    >,
  ): Promise<AssociationAct> {
    return manager.save(manager.create(AssociationAct, values));
  }

  /** The association's acts about a person, in the order they were decided. */
  actsOf(manager: EntityManager, personId: string): Promise<AssociationAct[]> {
    return manager.find(AssociationAct, {
      where: { personId },
      order: { decidedOn: 'ASC', createdAt: 'ASC' },
    });
  }
}
