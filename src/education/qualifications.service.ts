import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { isStaffActor, requireOwnPerson, requirePersonAccess } from 'src/auth/access';
import type { AccountActor, Actor } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import type {
  CreateDegreeDto,
  DegreeResponse,
  QualificationResponse,
  QualificationsQuery,
  ReviewQualificationDto,
  SubmitQualificationDto,
  UpdateQualificationDto,
} from 'src/education/dto/qualification.dto';
import { EducationRepository } from 'src/education/education.repository';
import { Degree } from 'src/education/entities/degree.entity';
import { Qualification } from 'src/education/entities/qualification.entity';
import { QualificationReview } from 'src/education/entities/qualification-review.entity';
import { toInstitutionResponse } from 'src/education/institutions.service';
import type { QualificationStatus } from 'src/education/education.types';
import { canCorrect, canReview } from 'src/education/qualification-status';
import type { Upload } from 'src/common/http/upload';
import type { EvidenceResponse } from 'src/evidence/dto/evidence.dto';
import { EvidenceService } from 'src/evidence/evidence.service';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: EducationRepository,
    private readonly audit: AuditService,
    private readonly evidence: EvidenceService,
  ) {}

  async submit(actor: Actor, dto: SubmitQualificationDto): Promise<QualificationResponse> {
    const personId = isStaffActor(actor) && dto.personId ? dto.personId : requireOwnPerson(actor);
    if (dto.personId && dto.personId !== personId) {
      throw new AppError('forbidden', 'Members submit qualifications for themselves only');
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const { identifiers } = await manager.insert(Qualification, {
        personId,
        institutionId: dto.institutionId,
        degree: dto.degree,
        field: dto.field,
        graduationDate: dto.graduationDate,
        diplomaNumber: dto.diplomaNumber,
        status: 'submitted',
      });
      const qualificationId = identifiers[0].id as string;
      await this.audit.record(manager, actor, {
        action: 'qualification.submitted',
        entityType: 'qualification',
        entityId: qualificationId,
        after: { personId, ...dto },
      });
      return qualificationId;
    });
    return toResponse(await this.load(this.dataSource.manager, id));
  }

  async search(actor: Actor, query: QualificationsQuery): Promise<Page<QualificationResponse>> {
    // Members see their own list whatever they ask for.
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    const qb = this.repository.qualificationsQuery({
      personId,
      status: query.status,
      institutionId: query.institutionId,
    });
    return paginate(qb, query, toResponse);
  }

  async get(actor: Actor, id: string): Promise<QualificationResponse> {
    const qualification = await this.load(this.dataSource.manager, id);
    requirePersonAccess(actor, qualification.personId);
    return toResponse(qualification);
  }

  async correct(
    actor: Actor,
    id: string,
    dto: UpdateQualificationDto,
  ): Promise<QualificationResponse> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.lock(manager, id);
      requirePersonAccess(actor, before.personId);
      if (!canCorrect(before.status)) {
        throw new EducationError(
          'qualification-verified',
          'A verified qualification can no longer be changed',
        );
      }
      const after: Qualification = { ...before, ...dto, status: 'submitted' };
      const diff = changedFields(before, after, FIELDS);
      if (!diff.changed.length) return;
      await manager.update(Qualification, { id }, { ...dto, status: 'submitted' });
      await this.audit.record(manager, actor, {
        action:
          before.status === 'rejected' ? 'qualification.resubmitted' : 'qualification.corrected',
        entityType: 'qualification',
        entityId: id,
        before: diff.before,
        after: diff.after,
      });
    });
    return toResponse(await this.load(this.dataSource.manager, id));
  }

  /** Evidence for a diploma, while it can still change (a verified one is settled). */
  async attachEvidence(actor: Actor, id: string, upload: Upload): Promise<EvidenceResponse> {
    const qualification = await this.load(this.dataSource.manager, id);
    requirePersonAccess(actor, qualification.personId);
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
    const qualification = await this.load(this.dataSource.manager, id);
    requirePersonAccess(actor, qualification.personId);
    return this.evidence.listFor('qualification', id);
  }

  /** A registrar's decision. The row lock makes a second, simultaneous decision see the first. */
  async review(
    actor: AccountActor,
    id: string,
    dto: ReviewQualificationDto,
  ): Promise<QualificationResponse> {
    await this.dataSource.transaction(async (manager) => {
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
      await manager.insert(QualificationReview, {
        qualificationId: id,
        decision: dto.decision,
        method: dto.method,
        sourceReference: dto.sourceReference ?? null,
        reason: dto.reason ?? null,
        reviewedByAccountId: actor.accountId,
      });
      if (
        dto.degreeCode !== undefined &&
        !(await manager.existsBy(Degree, { code: dto.degreeCode }))
      ) {
        throw new AppError('validation-failed', 'Check these fields: degreeCode', {
          errors: [{ field: 'degreeCode', message: `no degree has the code ${dto.degreeCode}` }],
        });
      }
      await manager.update(
        Qualification,
        { id },
        {
          status: dto.decision,
          ...(dto.degreeCode !== undefined && { degreeCode: dto.degreeCode }),
        },
      );
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
    return toResponse(await this.load(this.dataSource.manager, id));
  }

  /** A person's qualifications as a requirement reads them: degree, its code, status. */
  async qualificationsOf(
    personId: string,
    manager?: EntityManager,
  ): Promise<{ degree: string; degreeCode: string | null; status: QualificationStatus }[]> {
    return this.repository.degreesOfPerson(manager ?? this.dataSource.manager, personId);
  }

  async degrees(): Promise<DegreeResponse[]> {
    const degrees = await this.dataSource.getRepository(Degree).find({ order: { code: 'ASC' } });
    return degrees.map(({ code, name, aliases }) => ({ code, name, aliases }));
  }

  /** Names of these degree codes, in order; an unknown code is named `unknown`. */
  async degreeNames(codes: string[], manager?: EntityManager): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const degrees = await (manager ?? this.dataSource.manager).find(Degree, {
      where: { code: In(codes) },
    });
    return new Map(degrees.map((degree) => [degree.code, degree.name]));
  }

  addDegree(actor: Actor, dto: CreateDegreeDto): Promise<DegreeResponse> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Degree, { code: dto.code })) {
        throw new AppError('duplicate', `A degree with the code ${dto.code} already exists`);
      }
      const degree = await manager.save(
        manager.create(Degree, { code: dto.code, name: dto.name, aliases: dto.aliases ?? [] }),
      );
      const view = { code: degree.code, name: degree.name, aliases: degree.aliases };
      await this.audit.record(manager, actor, {
        action: 'degree.created',
        entityType: 'degree',
        entityId: degree.code,
        after: view,
      });
      return view;
    });
  }

  private async lock(manager: EntityManager, id: string): Promise<Qualification> {
    const qualification = await manager.findOne(Qualification, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!qualification) throw notFound('Qualification', id);
    return qualification;
  }

  private async load(manager: EntityManager, id: string): Promise<Qualification> {
    const qualification = await manager.findOne(Qualification, {
      where: { id },
      relations: { institution: true, reviews: true },
    });
    if (!qualification) throw notFound('Qualification', id);
    return qualification;
  }
}
