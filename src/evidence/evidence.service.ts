import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { Access, isSelf, isStaffActor } from 'src/auth/access';
import { DUTIES, type Duty } from 'src/auth/duties';
import type { Actor } from 'src/auth/principal';
import { notFound } from 'src/common/errors/app-error';
import { DOCUMENT_STORAGE, type DocumentStorage } from 'src/evidence/document-storage';
import type { EvidenceResponse } from 'src/evidence/dto/evidence.dto';
import type {
  EvidenceDocument,
  EvidenceSubject,
} from 'src/evidence/entities/evidence-document.entity';
import { toResponse } from 'src/evidence/evidence.port';
import { EvidenceRepository } from 'src/evidence/evidence.repository';

/**
 * The area whose duty reads a document: that of the record it belongs to (auth/duties.ts), the
 * one rule for every route that serves evidence.
 */
export const EVIDENCE_DUTIES: Record<EvidenceSubject, Duty> = {
  qualification: 'education',
  credential: 'credentials',
  cpd_claim: 'cpd',
  cpd_credit: 'cpd',
  ethics_case: 'cases',
};

/** What /evidence serves: qualifications' and credentials' documents (others under their areas). */
const READ_HERE: readonly EvidenceSubject[] = ['qualification', 'credential'];

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
    // Staff read a document here only in the area of the record it belongs to; a case's and
    // CPD's are read under those areas' own routes, never here. Its owner reads their own.
    if (
      !document ||
      (isStaffActor(actor) &&
        !(document.personId !== null && isSelf(actor, document.personId)) &&
        !actor.roles.some((role) =>
          (DUTIES[EVIDENCE_DUTIES[document.subjectType]] as readonly string[]).includes(role),
        )) ||
      !READ_HERE.includes(document.subjectType)
    ) {
      throw notFound('Evidence document', id);
    }
    return document;
  }
}
