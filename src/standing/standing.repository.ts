import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CASES_READ_MODEL } from 'src/cases/cases.read-model';
import type { CredentialHistoryRow } from 'src/credentials/credential-rules';
import { CPD_READ_MODEL, type TranscriptFacts } from 'src/cpd/cpd.read-model';
import { CREDENTIALS_READ_MODEL } from 'src/credentials/credentials.read-model';
import { QuickReads } from 'src/database/quick-reads';
import type { OverdueOnDay } from 'src/dues/dues-rules';
import { DUES_READ_MODEL } from 'src/dues/dues.read-model';
import {
  EDUCATION_READ_MODEL,
  type QualificationOnRecord,
} from 'src/education/education.read-model';
import { ETHICS_READ_MODEL } from 'src/ethics/ethics.read-model';
import type { MembershipHistoryRow } from 'src/membership/membership-rules';
import { MEMBERSHIP_STANDING_READ_MODEL as MEMBERSHIP } from 'src/membership/membership.read-model';
import type { SanctionInEffect } from 'src/standing/standing-rules';

/** Every module's facts of a person on a day, as one statement gives them. */
export interface StandingFactsRow {
  membership: MembershipHistoryRow | null;
  credentials: CredentialHistoryRow[];
  overdue: OverdueOnDay;
  qualifications: QualificationOnRecord[];
  pledge: { version: string; pledged: boolean } | null;
  ethics: { sanctions: SanctionInEffect[]; openInvestigations: number };
  cpd: TranscriptFacts;
}

/**
 * $1 the person, $2 the day, $3 the association's time zone, $4 the case statuses that are open
 * investigations. Each column is the owning module's read model: no table is named here.
 */
const STANDING_FACTS = `SELECT
    ${MEMBERSHIP.historyJson('$1', '$3')} AS membership,
    ${CREDENTIALS_READ_MODEL.historyOnDayJson('$1', '$2', '$3')} AS credentials,
    ${DUES_READ_MODEL.overdueOnJson('$1', '$2')} AS overdue,
    ${EDUCATION_READ_MODEL.verifiedQualificationsJson('$1')} AS qualifications,
    ${ETHICS_READ_MODEL.pledgeOnDayJson('$1', MEMBERSHIP.professionOf('$1'), '$2', '$3')} AS pledge,
    ${CASES_READ_MODEL.standingOnDayJson('$1', '$2', '$4')} AS ethics,
    ${CPD_READ_MODEL.transcriptFactsJson('$1', '$2')} AS cpd`;

@Injectable()
export class StandingRepository {
  constructor(private readonly quickReads: QuickReads) {}

  /** One round trip, planned once per connection: the standing is on the hot path of renewals and checks. */
  async factsOn(
    manager: EntityManager,
    personId: string,
    day: string,
    timeZone: string,
    investigating: readonly string[],
  ): Promise<StandingFactsRow> {
    const [facts] = await this.quickReads.prepared<StandingFactsRow>(
      manager,
      'standing_facts',
      STANDING_FACTS,
      [personId, day, timeZone, investigating],
    );
    return facts;
  }
}
