import { Injectable } from '@nestjs/common';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { Transactions } from 'src/database/transactions';
import type { Actor } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import type {
  CreateInstitutionDto,
  InstitutionResponse,
  InstitutionsQuery,
  UpdateInstitutionDto,
} from 'src/education/dto/institution.dto';
import { EducationRepository } from 'src/education/education.repository';
import { Institution } from 'src/education/entities/institution.entity';

export const toInstitutionResponse = (institution: Institution): InstitutionResponse => ({
  id: institution.id,
  name: institution.name,
  country: institution.country,
  accreditationStatus: institution.accreditationStatus,
  accreditationReference: institution.accreditationReference,
});

const FIELDS: (keyof InstitutionResponse)[] = [
  'name',
  'country',
  'accreditationStatus',
  'accreditationReference',
];

@Injectable()
export class InstitutionsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: EducationRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateInstitutionDto): Promise<InstitutionResponse> {
    // The same name in the same country is the same institution: point to the one on record.
    const existing = await this.repository.findInstitutionByName(dto.name, dto.country);
    if (existing) {
      throw new AppError(
        'duplicate',
        `${existing.name} (${existing.country}) is already recorded as institution ${existing.id}`,
        { existingId: existing.id },
      );
    }
    return this.transactions.run(async (manager) => {
      const institution = await this.repository.saveInstitution(manager, {
        name: dto.name,
        country: dto.country,
        accreditationStatus: dto.accreditationStatus ?? 'unknown',
        accreditationReference: dto.accreditationReference ?? null,
      });
      const view = toInstitutionResponse(institution);
      await this.audit.record(manager, actor, {
        action: 'institution.created',
        entityType: 'institution',
        entityId: institution.id,
        after: view,
      });
      return view;
    });
  }

  search(query: InstitutionsQuery): Promise<Page<InstitutionResponse>> {
    // Every word of the search, in any order: "kedokteran udayana" finds "Fakultas Kedokteran
    // Universitas Udayana".
    const qb = this.repository.institutionsQuery({ name: query.name, country: query.country });
    return paginate(qb, query, toInstitutionResponse);
  }

  async get(id: string): Promise<InstitutionResponse> {
    const institution = await this.repository.findInstitution(this.transactions.reader, id);
    if (!institution) throw notFound('Institution', id);
    return toInstitutionResponse(institution);
  }

  update(actor: Actor, id: string, dto: UpdateInstitutionDto): Promise<InstitutionResponse> {
    return this.transactions.run(async (manager) => {
      const before = await this.repository.lockInstitution(manager, id);
      if (!before) throw notFound('Institution', id);
      const after = await this.repository.saveInstitution(manager, { ...before, ...dto });
      const diff = changedFields(
        toInstitutionResponse(before),
        toInstitutionResponse(after),
        FIELDS,
      );
      if (diff.changed.length) {
        await this.audit.record(manager, actor, {
          action: 'institution.updated',
          entityType: 'institution',
          entityId: id,
          before: diff.before,
          after: diff.after,
        });
      }
      return toInstitutionResponse(after);
    });
  }
}
