import type { EntityManager } from 'typeorm';
import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';
import type { Upload } from 'src/common/http/upload';
import { DOCUMENT_STORAGE, type DocumentStorage } from 'src/evidence/document-storage';
import type { EvidenceResponse } from 'src/evidence/dto/evidence.dto';
import type {
  EvidenceDocument,
  EvidenceSubject,
} from 'src/evidence/entities/evidence-document.entity';
import { EvidenceRepository } from 'src/evidence/evidence.repository';
import { Transactions } from 'src/database/transactions';
import { sniffMediaType } from 'src/evidence/media-types';

export interface EvidenceOwner {
  /** Null for a case's documents, which belong to the case. */
  personId: string | null;
  subjectType: EvidenceSubject;
  subjectId: string;
}

/**
 * Where a document is downloaded: through the module that owns its subject where that module's
 * staff read it (a case's officers, CPD officers), else here.
 */
const DOWNLOADS_UNDER: Partial<Record<EvidenceSubject, (subjectId: string) => string>> = {
  ethics_case: (id) => `/cases/${id}/documents`,
  cpd_claim: (id) => `/cpd/claims/${id}/evidence`,
  cpd_credit: (id) => `/cpd/credits/${id}/evidence`,
};

export const toResponse = (document: EvidenceDocument): EvidenceResponse => ({
  id: document.id,
  subjectType: document.subjectType,
  subjectId: document.subjectId,
  fileName: document.fileName,
  mediaType: document.mediaType,
  sizeBytes: document.sizeBytes,
  sha256: document.sha256,
  downloadUrl: `${DOWNLOADS_UNDER[document.subjectType]?.(document.subjectId) ?? '/evidence'}/${document.id}/content`,
  uploadedAt: document.uploadedAt,
});

/** A document's bytes as a download, named as it was uploaded. */
export const asDownload = ({
  document,
  content,
}: {
  document: EvidenceResponse;
  content: Readable;
}): StreamableFile =>
  new StreamableFile(content, {
    type: document.mediaType,
    length: document.sizeBytes,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
  });

/** Only printable characters of a file name are kept; the name is shown, never used as a path. */
const cleanFileName = (name: string) => name.replace(/[\p{C}/\\]/gu, '_').slice(0, 255) || 'upload';

/**
 * What other modules may ask of evidence: store a document for a subject of theirs, list and open
 * a subject's documents. The subject's module has decided who may; nothing here checks the caller.
 */
@Injectable()
export class EvidencePort {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: EvidenceRepository,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly audit: AuditService,
  ) {}

  /** Stores the file, then its row and audit entry; if the row cannot be written the file goes again. */
  async attach(
    actor: Actor,
    owner: EvidenceOwner,
    upload: Upload,
    within?: EntityManager,
  ): Promise<EvidenceResponse> {
    const mediaType = sniffMediaType(upload.data);
    if (!mediaType) {
      throw new AppError(
        'unsupported-media-type',
        'Evidence must be a PDF, JPEG or PNG file (checked from its content)',
      );
    }
    const storageKey = `${owner.subjectType}/${randomUUID()}`;
    await this.storage.put(storageKey, upload.data);
    try {
      return await this.transactions.run(async (manager) => {
        const document = await this.repository.insert(manager, {
          ...owner,
          fileName: cleanFileName(upload.fileName),
          mediaType,
          sizeBytes: upload.data.length,
          sha256: createHash('sha256').update(upload.data).digest('hex'),
          storageKey,
          uploadedByAccountId: actor.kind === 'account' ? actor.accountId : null,
        });
        const view = toResponse(document);
        await this.audit.record(manager, actor, {
          action: 'evidence.attached',
          entityType: owner.subjectType,
          entityId: owner.subjectId,
          after: { evidenceId: view.id, fileName: view.fileName, mediaType, sha256: view.sha256 },
        });
        return view;
      }, within);
    } catch (error) {
      await this.storage.remove(storageKey);
      throw error;
    }
  }

  async listFor(subjectType: EvidenceSubject, subjectId: string): Promise<EvidenceResponse[]> {
    const documents = await this.repository.listFor(subjectType, subjectId);
    return documents.map(toResponse);
  }

  /** A document of this subject, for a module that has checked the caller may read the subject. */
  async openOf(
    subjectType: EvidenceSubject,
    subjectId: string,
    id: string,
  ): Promise<{ document: EvidenceResponse; content: Readable }> {
    const document = await this.repository.find(id);
    if (!document || document.subjectType !== subjectType || document.subjectId !== subjectId) {
      throw notFound('Evidence document', id);
    }
    return {
      document: toResponse(document),
      content: await this.storage.open(document.storageKey),
    };
  }

  /** Readiness: the storage can take a file now. */
  checkStorage(): Promise<void> {
    return this.storage.check();
  }
}
