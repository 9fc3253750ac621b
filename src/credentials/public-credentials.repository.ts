import { Injectable } from '@nestjs/common';
import type { StoredStatus } from 'src/credentials/credential-rules';
import { QuickReads } from 'src/database/quick-reads';
import { CHAPTERS_READ_MODEL } from 'src/chapters/chapters.read-model';
import {
  HolderSanctions,
  type HolderSanctionRow,
} from 'src/credentials/holder-sanctions.read-model';

export interface PublicRow {
  id: string;
  number: string;
  status: StoredStatus;
  suspended_until: string | null;
  valid_from: string;
  valid_until: string | null;
  issuing_authority: string;
  type_code: string;
  type_name: string;
  profession: string | null;
  full_name: string;
  /** The number of the credential that replaced it, where the public may look that one up. */
  superseded_by: string | null;
  sanction_events: {
    event: 'suspended' | 'reinstated' | 'revoked';
    at: string;
    /** The calendar day it took effect (null on events kept before they were dated). */
    on?: string | null;
    /** A suspension's announced last day. */
    until?: string | null;
    /** The kept suspension it opens or lifts (null on events from before suspensions composed). */
    suspension?: string | null;
  }[];
  /** The holder's final public ethics sanctions, whoever issued the credential. */
  holder_sanctions: HolderSanctionRow[];
}

/**
 * The public verification path's queries. It is the hottest route, so it skips the ORM and runs
 * named prepared statements on the quick-read pool: Postgres parses and plans them once per
 * connection.
 */
@Injectable()
export class PublicCredentialsRepository {
  private readonly columns: string;

  constructor(
    private readonly quickReads: QuickReads,
    holderSanctions: HolderSanctions,
  ) {
    this.columns = `pc.id, pc.number, pc.status, pc.suspended_until::text, pc.valid_from::text,
                    pc.valid_until::text, pc.issuing_authority, pc.type_code, pc.type_name,
                    pc.profession, pc.full_name, pc.superseded_by, pc.sanction_events,
                    ${holderSanctions.publicSanctionsOf('pc.person_id')} AS holder_sanctions`;
  }

  /** The verified credentials of these numbers, as the public sees them. */
  async byNumbers(numbers: string[]): Promise<PublicRow[]> {
    return this.quickReads.query<PublicRow>(
      'public_credentials_by_numbers',
      `SELECT ${this.columns} FROM public_credentials pc WHERE pc.number = ANY($1::text[])`,
      [numbers],
    );
  }

  /** Verified credentials whose holder's folded name holds `name` (escaped for LIKE), by name. */
  async search(filters: {
    name: string;
    profession: string | null;
    chapter: string | null;
    limit: number;
  }): Promise<PublicRow[]> {
    return this.quickReads.query<PublicRow>(
      'public_credential_search',
      `SELECT ${this.columns} FROM public_credentials pc
              WHERE pc.folded_name LIKE '%' || fold_text($1) || '%'
                AND ($2::text IS NULL OR fold_text(pc.profession) = fold_text($2)
                     OR pc.profession_code = upper(btrim($2)))
                AND ($3::text IS NULL OR pc.chapter_id = ${CHAPTERS_READ_MODEL.idOfCode('$3')})
              ORDER BY pc.full_name, pc.number
              LIMIT $4`,
      [filters.name, filters.profession, filters.chapter, filters.limit],
    );
  }
}
