import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { Access } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { notFound } from 'src/common/errors/app-error';
import { DOCUMENT_STORAGE, type DocumentStorage } from 'src/evidence/document-storage';
import type { EvidenceResponse } from 'src/evidence/dto/evidence.dto';
import type { EvidenceDocument } from 'src/evidence/entities/evidence-document.entity';
import { toResponse } from 'src/evidence/evidence.port';
import { EvidenceRepository } from 'src/evidence/evidence.repository';

/**
 * Evidence files for qualifications and licences, readable by staff and their owner only; the
 * documents of ethics cases are read through the case (whose module checks who may), never here.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly repository: EvidenceRepository,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly access: Access,
  ) {}

  async describe(actor: Actor, id: string): Promise<EvidenceResponse> {
    return toResponse(await this.find(actor, id));
  }

  async open(actor: Actor, id: string): Promise<{ document: EvidenceResponse; content: Readable }> {
    const document = await this.find(actor, id);
    return {
      document: toResponse(document),
      content: await this.storage.open(document.storageKey),
    };
  }

  private async find(actor: Actor, id: string): Promise<EvidenceDocument> {
    await this.access.require(actor, 'Evidence document', id, (ids) =>
      this.repository.ownersOf(ids),
    );
    const document = await this.repository.find(id);
    // A case's documents are read through the case, by whom the case allows, never here.
    if (!document || document.subjectType === 'ethics_case') {
      throw notFound('Evidence document', id);
    }
    return document;
  }
}
