import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Calendar } from 'src/common/calendar';
import { csvRow } from 'src/common/csv';
import { cycleFrom, standingOn, versionInForce, type CpdCredit } from 'src/cpd/cpd-rules';
import { CpdError } from 'src/cpd/cpd.errors';
import { CpdRepository } from 'src/cpd/cpd.repository';
import type { ComplianceResponse, ComplianceRow } from 'src/cpd/dto/cpd.dto';
import type { CpdPolicy } from 'src/cpd/entities/cpd-policy.entity';
import { CredentialsService } from 'src/credentials/credentials.service';
import { Transactions } from 'src/database/transactions';

const BATCH = 1000;
const CSV_COLUMNS = [
  'credentialNumber',
  'fullName',
  'personId',
  'policyVersion',
  'startsOn',
  'endsOn',
  'required',
  'counted',
  'remaining',
  'shortfalls',
];

/**
 * Who is behind on a CPD policy, with figures: every holder of the credential it follows is read
 * a batch at a time (their credits in one query per batch), so memory stays bounded however many
 * members there are.
 */
@Injectable()
export class CpdComplianceService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CpdRepository,
    private readonly credentials: CredentialsService,
    private readonly calendar: Calendar,
  ) {}

  async report(policyCode: string, limit = 100): Promise<ComplianceResponse> {
    const asOf = this.calendar.today();
    const items: ComplianceRow[] = [];
    for await (const row of this.behind(await this.versionsOf(policyCode), asOf)) {
      if (items.length === limit) return { policy: policyCode, asOf, items, truncated: true };
      items.push(row);
    }
    return { policy: policyCode, asOf, items, truncated: false };
  }

  async csv(policyCode: string): Promise<Readable> {
    const versions = await this.versionsOf(policyCode);
    const behind = this.behind(versions, this.calendar.today());
    async function* lines() {
      yield csvRow(CSV_COLUMNS);
      for await (const row of behind) {
        yield csvRow([
          row.credentialNumber,
          row.fullName,
          row.personId,
          row.policyVersion,
          row.startsOn,
          row.endsOn,
          row.required,
          row.counted,
          row.remaining,
          row.shortfalls.join('; '),
        ]);
      }
    }
    return Readable.from(lines());
  }

  private async versionsOf(policyCode: string): Promise<CpdPolicy[]> {
    const versions = (await this.repository.policies(this.transactions.reader)).filter(
      (policy) => policy.code === policyCode && policy.credentialTypeCode !== null,
    );
    if (!versions.length) {
      throw new CpdError(
        'cpd-policy-not-audited',
        `${policyCode} is no CPD policy that a credential's holders follow`,
        { errors: [{ field: 'policy', message: 'policy names no policy with holders' }] },
      );
    }
    return versions;
  }

  private async *behind(versions: CpdPolicy[], asOf: string): AsyncGenerator<ComplianceRow> {
    const typeCode = versions[0].credentialTypeCode!;
    let after = '';
    for (;;) {
      const held = await this.credentials.validOfTypeBatch(typeCode, asOf, after, BATCH);
      if (!held.length) return;
      const records = await this.repository.creditsOfPeople(
        this.transactions.reader,
        [...new Set(held.map((credential) => credential.personId))],
        asOf,
      );
      const creditsOf = new Map<string, CpdCredit[]>();
      for (const record of records) {
        const list = creditsOf.get(record.personId) ?? [];
        list.push(record);
        creditsOf.set(record.personId, list);
      }
      for (const credential of held) {
        const version = versionInForce(versions, credential.validFrom);
        if (!version) continue;
        const cycle = credential.validUntil
          ? { startsOn: credential.validFrom, endsOn: credential.validUntil }
          : cycleFrom(credential.validFrom, version.rules);
        const standing = standingOn(version.rules, cycle, creditsOf.get(credential.personId) ?? []);
        if (standing.met) continue;
        yield {
          personId: credential.personId,
          fullName: credential.fullName,
          credentialNumber: credential.number,
          policyVersion: version.effectiveFrom,
          startsOn: cycle.startsOn,
          endsOn: cycle.endsOn,
          required: standing.required,
          counted: standing.counted,
          remaining: standing.remaining,
          shortfalls: standing.shortfalls,
        };
      }
      after = held.at(-1)!.number;
    }
  }
}
