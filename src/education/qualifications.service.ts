import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { Access, isStaffActor, requireOwnPerson } from 'src/auth/access';
import { Transactions } from 'src/database/transactions';
import type { AccountActor, Actor } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import type {
  CreateDegreeDto,
  UpdateDegreeDto,
  DegreeResponse,
  QualificationResponse,
  QualificationsQuery,
  ReviewQualificationDto,
  SubmitQualificationDto,
  UpdateQualificationDto,
} from 'src/education/dto/qualification.dto';
import { EducationRepository } from 'src/education/education.repository';
import type { Degree } from 'src/education/entities/degree.entity';
import type { Qualification } from 'src/education/entities/qualification.entity';
import { toInstitutionResponse } from 'src/education/institutions.service';
import { canCorrect, canReview } from 'src/education/qualification-status';
import type { Upload } from 'src/common/http/upload';
import type { EvidenceResponse } from 'src/evidence/dto/evidence.dto';
import { EvidencePort } from 'src/evidence/evidence.port';
import { EducationError } from 'src/education/education.errors';

const toResponse = (q: Qualification): QualificationResponse => ({
  id: q.id,
  personId: q.personId,
  institution: toInstitutionResponse(q.institution),
  degree: q.degree,
  degreeCode: q.degreeCode,
  field: q.field,
  graduationDate: q.graduationDate,
  diplomaNumber: q.diplomaNumber,
  status: q.status,
  reviews: [...(q.reviews ?? [])]
    .sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime())
    .map(({ decision, method, sourceReference, reason, reviewedByAccountId, reviewedAt }) => ({
      decision,
      method,
      sourceReference,
      reason,
      reviewedByAccountId,
      reviewedAt,
    })),
  createdAt: q.createdAt,
  updatedAt: q.updatedAt,
});

const FIELDS: (keyof Qualification)[] = [
  'institutionId',
  'degree',
  'field',
  'graduationDate',
  'diplomaNumber',
  'status',
];

/** Step 1 of the pipeline: diplomas submitted by members (or staff for them) and verified by a registrar. */
@Injectable()
export class QualificationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: EducationRepository,
    private readonly audit: AuditService,
    private readonly evidence: EvidencePort,
    private readonly access: Access,
  ) {}

  private readonly owners = (ids: string[]) => this.repository.qualificationOwners(ids);

  async submit(actor: Actor, dto: SubmitQualificationDto): Promise<QualificationResponse> {
    const personId = await this.access.requireNamedPerson(actor, dto.personId);
    const id = await this.transactions.run(async (manager) => {
      const qualificationId = await this.repository.insertQualification(manager, {
        personId,
        institutionId: dto.institutionId,
        degree: dto.degree,
        field: dto.field,
        graduationDate: dto.graduationDate,
        diplomaNumber: dto.diplomaNumber,
        status: 'submitted',
      });
      await this.audit.record(manager, actor, {
        action: 'qualification.submitted',
        entityType: 'qualification',
        entityId: qualificationId,
        after: { personId, ...dto },
      });
      return qualificationId;
    });
    return toResponse(await this.load(this.transactions.reader, id));
  }

  async search(actor: Actor, query: QualificationsQuery): Promise<Page<QualificationResponse>> {
    // Members see their own list whatever they ask for.
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    const qb = this.repository.qualificationsQuery({
      personId,
      status: query.status,
      institutionId: query.institutionId,
      scope: this.access.listCondition(actor, 'q.person_id'),
    });
    return paginate(qb, query, toResponse);
  }

  async get(actor: Actor, id: string): Promise<QualificationResponse> {
    await this.access.require(actor, 'Qualification', id, this.owners);
    const qualification = await this.load(this.transactions.reader, id);
    return toResponse(qualification);
  }

  async correct(
    actor: Actor,
    id: string,
    dto: UpdateQualificationDto,
  ): Promise<QualificationResponse> {
    await this.access.require(actor, 'Qualification', id, this.owners);
    await this.transactions.run(async (manager) => {
      const before = await this.lock(manager, id);
      if (!canCorrect(before.status)) {
        throw new EducationError(
          'qualification-verified',
          'A verified qualification can no longer be changed',
        );
      }
      const after: Qualification = { ...before, ...dto, status: 'submitted' };
      const diff = changedFields(before, after, FIELDS);
      if (!diff.changed.length) return;
      await this.repository.updateQualification(manager, id, { ...dto, status: 'submitted' });
      await this.audit.record(manager, actor, {
        action:
          before.status === 'rejected' ? 'qualification.resubmitted' : 'qualification.corrected',
        entityType: 'qualification',
        entityId: id,
        before: diff.before,
        after: diff.after,
      });
    });
    return toResponse(await this.load(this.transactions.reader, id));
  }

  /** Evidence for a diploma, while it can still change (a verified one is settled). */
  async attachEvidence(actor: Actor, id: string, upload: Upload): Promise<EvidenceResponse> {
    await this.access.require(actor, 'Qualification', id, this.owners);
    const qualification = await this.load(this.transactions.reader, id);
    if (!canCorrect(qualification.status)) {
      throw new EducationError(
        'qualification-verified',
        'A verified qualification takes no more evidence',
      );
    }
    return this.evidence.attach(
      actor,
      { personId: qualification.personId, subjectType: 'qualification', subjectId: id },
      upload,
    );
  }

  async listEvidence(actor: Actor, id: string): Promise<EvidenceResponse[]> {
    await this.access.require(actor, 'Qualification', id, this.owners);
    await this.load(this.transactions.reader, id); // staff asking for a missing one get 404
    return this.evidence.listFor('qualification', id);
  }

  /** A registrar's decision. The row lock makes a second, simultaneous decision see the first. */
  async review(
    actor: AccountActor,
    id: string,
    dto: ReviewQualificationDto,
  ): Promise<QualificationResponse> {
    await this.access.require(actor, 'Qualification', id, this.owners);
    await this.transactions.run(async (manager) => {
      const qualification = await this.lock(manager, id);
      if (!canReview(qualification.status)) {
        throw new EducationError(
          'qualification-reviewed',
          `The qualification is already ${qualification.status}`,
          {
            currentStatus: qualification.status,
          },
        );
      }
      await this.repository.insertReview(manager, {
        qualificationId: id,
        decision: dto.decision,
        method: dto.method,
        sourceReference: dto.sourceReference ?? null,
        reason: dto.reason ?? null,
        reviewedByAccountId: actor.accountId,
      });
      if (
        dto.degreeCode !== undefined &&
        !(await this.repository.degreeExists(manager, dto.degreeCode))
      ) {
        throw new AppError('validation-failed', 'Check these fields: degreeCode', {
          errors: [{ field: 'degreeCode', message: `no degree has the code ${dto.degreeCode}` }],
        });
      }
      await this.repository.updateQualification(manager, id, {
        status: dto.decision,
        ...(dto.degreeCode !== undefined && { degreeCode: dto.degreeCode }),
      });
      await this.audit.record(manager, actor, {
        action: `qualification.${dto.decision}`,
        entityType: 'qualification',
        entityId: id,
        before: { status: qualification.status, degreeCode: qualification.degreeCode },
        after: {
          status: dto.decision,
          degreeCode: dto.degreeCode ?? qualification.degreeCode,
          method: dto.method,
          sourceReference: dto.sourceReference,
          reason: dto.reason,
        },
      });
    });
    return toResponse(await this.load(this.transactions.reader, id));
  }

  async degrees(within?: EntityManager): Promise<DegreeResponse[]> {
    const degrees = await this.repository.allDegrees(within ?? this.transactions.reader);
    return degrees.map(({ code, name, aliases, level }) => ({ code, name, aliases, level }));
  }

  addDegree(actor: Actor, dto: CreateDegreeDto, within?: EntityManager): Promise<DegreeResponse> {
    return this.transactions.run(async (manager) => {
      if (await this.repository.degreeExists(manager, dto.code)) {
        throw new AppError('duplicate', `A degree with the code ${dto.code} already exists`, {
          errors: [{ field: 'code', message: 'code is already taken' }],
        });
      }
      const degree = await this.repository.insertDegree(manager, {
        code: dto.code,
        name: dto.name,
        aliases: dto.aliases ?? [],
        level: dto.level ?? null,
      });
      const view = toDegreeResponse(degree);
      await this.audit.record(manager, actor, {
        action: 'degree.created',
        entityType: 'degree',
        entityId: degree.code,
        after: view,
      });
      return view;
    }, within);
  }

  /**
   * Corrects a degree: its name, the spellings diplomas match it by, its level. What was
   * matched to it keeps its code; a spelling added matches qualifications from now on.
   */
  correctDegree(
    actor: Actor,
    code: string,
    dto: UpdateDegreeDto,
    within?: EntityManager,
  ): Promise<DegreeResponse> {
    return this.transactions.run(async (manager) => {
      const before = await this.repository.lockDegree(manager, code);
      if (!before) throw notFound('Degree', code);
      const changes = {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.aliases !== undefined && { aliases: dto.aliases }),
        ...(dto.level !== undefined && { level: dto.level }),
      };
      await this.repository.updateDegree(manager, code, changes);
      const view = toDegreeResponse({ ...before, ...changes });
      await this.audit.record(manager, actor, {
        action: 'degree.corrected',
        entityType: 'degree',
        entityId: code,
        before: toDegreeResponse(before),
        after: view,
      });
      return view;
    }, within);
  }

  private async lock(manager: EntityManager, id: string): Promise<Qualification> {
    const qualification = await this.repository.lockQualification(manager, id);
    if (!qualification) throw notFound('Qualification', id);
    return qualification;
  }

  private async load(manager: EntityManager, id: string): Promise<Qualification> {
    const qualification = await this.repository.findQualification(manager, id);
    if (!qualification) throw notFound('Qualification', id);
    return qualification;
  }
}

const toDegreeResponse = ({ code, name, aliases, level }: Degree): DegreeResponse => ({
  code,
  name,
  aliases,
  level,
});
