import { Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { Access, requireAccount } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { notFound } from 'src/common/errors/app-error';
import { Transactions } from 'src/database/transactions';
import type {
  AssociationActResponse,
  CheckDeclarationDto,
  DeclarationResponse,
  DeclareDto,
  RecordActDto,
} from 'src/people/dto/declarations.dto';
import type { AssociationAct } from 'src/people/entities/association-act.entity';
import type { PersonDeclaration } from 'src/people/entities/person-declaration.entity';
import { PeopleError } from 'src/people/people.errors';
import { DeclarationsRepository } from 'src/people/declarations.repository';
import { PeopleRepository } from 'src/people/people.repository';

const toDeclaration = (row: PersonDeclaration): DeclarationResponse => ({
  id: row.id,
  personId: row.personId,
  code: row.code,
  statement: row.statement,
  evidence: row.evidence,
  declaredOn: row.declaredOn,
  outcome: row.outcome,
  checkedOn: row.checkedOn,
  checkedByAccountId: row.checkedByAccountId,
  checkMethod: row.checkMethod,
});

const toAct = (row: AssociationAct): AssociationActResponse => ({
  id: row.id,
  personId: row.personId,
  code: row.code,
  decidedOn: row.decidedOn,
  reference: row.reference,
  text: row.text,
});

/**
 * What a person declares of themselves, with its evidence, and staff's check of it; and what the
 * association decided about them. Requirements read both (`{declared}`, `{decided}`) through
 * PeoplePort.
 */
@Injectable()
export class DeclarationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: DeclarationsRepository,
    private readonly access: Access,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly people: PeopleRepository,
  ) {}

  /** The caller reaches the person (theirs, or in their scope), and the person is on record. */
  private async requirePerson(actor: Actor, personId: string): Promise<void> {
    await this.access.requirePerson(actor, personId);
    if (!(await this.people.find(this.transactions.reader, personId))) {
      throw notFound('Person', personId);
    }
  }

  /** A person declares a fact with its evidence (or staff record their declaration). */
  async declare(actor: Actor, personId: string, dto: DeclareDto): Promise<DeclarationResponse> {
    const account = requireAccount(actor);
    await this.requirePerson(actor, personId);
    return this.transactions.run(async (manager) => {
      const row = await this.repository.insertDeclaration(manager, {
        personId,
        code: dto.code,
        statement: dto.statement,
        evidence: dto.evidence,
        declaredOn: this.calendar.today(),
        recordedByAccountId: account.accountId,
      });
      await this.audit.record(manager, actor, {
        action: 'person.declared',
        entityType: 'person_declaration',
        entityId: row.id,
        after: { personId, code: dto.code },
      });
      return toDeclaration(row);
    });
  }

  /** Staff check a declaration once: it holds or it does not, with how they found out. */
  async check(
    actor: Actor,
    personId: string,
    declarationId: string,
    dto: CheckDeclarationDto,
  ): Promise<DeclarationResponse> {
    const account = requireAccount(actor);
    await this.requirePerson(actor, personId);
    return this.transactions.run(async (manager) => {
      const found = await this.repository.lockDeclaration(manager, personId, declarationId);
      if (!found) throw notFound('Declaration', declarationId);
      if (found.outcome !== null) {
        throw new PeopleError(
          'declaration-checked',
          `The declaration was ${found.outcome} on ${found.checkedOn}: the person declares again to have it checked again`,
        );
      }
      const checked = await this.repository.checkDeclaration(manager, declarationId, {
        outcome: dto.outcome,
        checkedOn: this.calendar.today(),
        checkedByAccountId: account.accountId,
        checkMethod: dto.method,
      });
      await this.audit.record(manager, actor, {
        action: 'person.declaration_checked',
        entityType: 'person_declaration',
        entityId: declarationId,
        before: { outcome: null },
        after: { outcome: dto.outcome, method: dto.method },
      });
      return toDeclaration(checked);
    });
  }

  async declarations(actor: Actor, personId: string): Promise<DeclarationResponse[]> {
    await this.requirePerson(actor, personId);
    return (await this.repository.declarationsOf(this.transactions.reader, personId)).map(
      toDeclaration,
    );
  }

  /** Staff record an act of the association about the person, with its decree. */
  async recordAct(
    actor: Actor,
    personId: string,
    dto: RecordActDto,
  ): Promise<AssociationActResponse> {
    const account = requireAccount(actor);
    await this.requirePerson(actor, personId);
    return this.transactions.run(async (manager) => {
      const row = await this.repository.insertAct(manager, {
        personId,
        code: dto.code,
        decidedOn: dto.decidedOn,
        reference: dto.reference,
        text: dto.text,
        recordedByAccountId: account.accountId,
      });
      await this.audit.record(manager, actor, {
        action: 'person.act_recorded',
        entityType: 'association_act',
        entityId: row.id,
        after: { personId, code: dto.code, decidedOn: dto.decidedOn, reference: dto.reference },
      });
      return toAct(row);
    });
  }

  async acts(actor: Actor, personId: string): Promise<AssociationActResponse[]> {
    await this.requirePerson(actor, personId);
    return (await this.repository.actsOf(this.transactions.reader, personId)).map(toAct);
  }
}
