import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CredentialType } from 'src/credentials/entities/credential-type.entity';

/** Queries of credential types, named. */
@Injectable()
export class CredentialTypesRepository {
  insert(
    manager: EntityManager,
    values: Omit<
      CredentialType,
      'id' | 'createdAt' | 'updatedAt' | 'profession' | 'professionRecord'
    >,
  ): Promise<CredentialType> {
    return manager.save(manager.create(CredentialType, values));
  }

  listByCode(manager: EntityManager): Promise<CredentialType[]> {
    return manager.find(CredentialType, { order: { code: 'ASC' } });
  }

  find(manager: EntityManager, id: string): Promise<CredentialType | null> {
    return manager.findOneBy(CredentialType, { id });
  }

  /** The type, locked until the caller's transaction ends: changes to one type queue. */
  lockForChange(manager: EntityManager, id: string): Promise<CredentialType | null> {
    return manager.findOne(CredentialType, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(manager: EntityManager, type: CredentialType): Promise<CredentialType> {
    return manager.save(CredentialType, type);
  }
}
