import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import {
  EvidenceDocument,
  type EvidenceSubject,
} from 'src/evidence/entities/evidence-document.entity';

/** Queries of evidence documents, named. */
@Injectable()
export class EvidenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  insert(
    manager: EntityManager,
    values: Omit<EvidenceDocument, 'id' | 'uploadedAt' | 'person'>,
  ): Promise<EvidenceDocument> {
    return manager.save(manager.create(EvidenceDocument, values));
  }

  listFor(subjectType: EvidenceSubject, subjectId: string): Promise<EvidenceDocument[]> {
    return this.dataSource
      .getRepository(EvidenceDocument)
      .find({ where: { subjectType, subjectId }, order: { uploadedAt: 'ASC' } });
  }

  find(id: string): Promise<EvidenceDocument | null> {
    return this.dataSource.getRepository(EvidenceDocument).findOneBy({ id });
  }

  /** The person each of these records belongs to (access before load). */
  async ownersOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.getRepository(EvidenceDocument).find({
      where: { id: In(ids) },
      select: { id: true, personId: true },
    });
    // A case's documents have no owner: no member reads them as their own.
    return new Map(
      rows.flatMap((document) => (document.personId ? [[document.id, document.personId]] : [])),
    );
  }
}
