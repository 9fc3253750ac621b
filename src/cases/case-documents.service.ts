import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/auth/principal';
import { isClosed } from 'src/cases/case-rules';
import { CasesError } from 'src/cases/cases.errors';
import { CasesRepository } from 'src/cases/cases.repository';
import { CaseAccess } from 'src/cases/case-access';
import { sha256 } from 'src/cases/cases.service';
import { Calendar } from 'src/common/calendar';
import { notFound } from 'src/common/errors/app-error';
import type { Upload } from 'src/common/http/upload';
import { Transactions } from 'src/database/transactions';
import type { EvidenceResponse } from 'src/evidence/dto/evidence.dto';
import { EvidencePort } from 'src/evidence/evidence.port';

/** Enough for a complaint's photographs and letters; more is sent through the officer. */
export const COMPLAINANT_FILES_PER_CASE = 10;

const sameKey = (expectedSha256: string | null, key: string): boolean =>
  expectedSha256 !== null &&
  timingSafeEqual(Buffer.from(expectedSha256, 'hex'), Buffer.from(sha256(key), 'hex'));

/**
 * A case's documents: the complainant's evidence (sent with the key their receipt gave) and what
 * officers add (minutes, letters). They are evidence files of the case's own, on its timeline,
 * read by the officers on the case and admins only.
 */
@Injectable()
export class CaseDocumentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CasesRepository,
    private readonly access: CaseAccess,
    private readonly evidence: EvidencePort,
    private readonly calendar: Calendar,
  ) {}

  /**
   * The complainant adds a file while the case is open. A wrong reference and a wrong key get the
   * same answer, so neither can be guessed one at a time.
   */
  async fromComplainant(
    actor: Actor,
    reference: string,
    key: string | undefined,
    upload: Upload,
  ): Promise<EvidenceResponse> {
    // References are short codes; a longer one is simply not found.
    const couldBeAReference = reference.length <= 20;
    return this.transactions.run(async (manager) => {
      const found = couldBeAReference
        ? await this.repository.complaintCase(manager, reference)
        : null;
      if (!found || !key || !sameKey(found.complaint.evidenceKeySha256, key)) {
        throw notFound('Complaint with this reference and key', reference);
      }
      const current = await this.lockOpen(manager, found.caseId);
      const sent = await this.repository.complainantDocumentCount(manager, current.id);
      if (sent >= COMPLAINANT_FILES_PER_CASE) {
        throw new CasesError(
          'complaint-evidence-full',
          `The complaint already has ${sent} files from its complainant, as many as it takes; write to the honour council for more`,
        );
      }
      return this.add(manager, actor, current.id, upload, null);
    });
  }

  /** An officer on the case (or an admin) adds a document. */
  async fromOfficer(actor: Actor, caseId: string, upload: Upload): Promise<EvidenceResponse> {
    const account = await this.access.requireStaffOn(actor, caseId);
    return this.transactions.run(async (manager) => {
      await this.lockOpen(manager, caseId);
      return this.add(manager, actor, caseId, upload, account.accountId);
    });
  }

  async list(actor: Actor, caseId: string): Promise<EvidenceResponse[]> {
    await this.access.requireStaffOn(actor, caseId);
    return this.evidence.listFor('ethics_case', caseId);
  }

  async open(
    actor: Actor,
    caseId: string,
    documentId: string,
  ): Promise<{ document: EvidenceResponse; content: Readable }> {
    await this.access.requireStaffOn(actor, caseId);
    return this.evidence.openOf('ethics_case', caseId, documentId);
  }

  private async lockOpen(manager: EntityManager, id: string) {
    const current = await this.repository.lockForChange(manager, id);
    if (!current) throw notFound('Case', id);
    if (isClosed(current.status)) {
      throw new CasesError('case-closed', `The case is ${current.status}: nothing more is added`);
    }
    return current;
  }

  /** The file, its row and its entry on the timeline (kept from the respondent), as one. */
  private async add(
    manager: EntityManager,
    actor: Actor,
    caseId: string,
    upload: Upload,
    officerAccountId: string | null,
  ): Promise<EvidenceResponse> {
    const document = await this.evidence.attach(
      actor,
      { personId: null, subjectType: 'ethics_case', subjectId: caseId },
      upload,
      manager,
    );
    await this.repository.insertEvent(manager, {
      caseId,
      kind: 'document',
      text: officerAccountId ? document.fileName : `From the complainant: ${document.fileName}`,
      documentId: document.id,
      confidential: true,
      actorAccountId: officerAccountId,
      occurredOn: this.calendar.today(),
    });
    return document;
  }
}
