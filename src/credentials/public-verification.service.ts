import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Calendar } from 'src/common/calendar';
import { AppError } from 'src/common/errors/app-error';
import { escapeLike } from 'src/common/paging';
import {
  effectiveStatus,
  type CredentialStatus,
  type StoredStatus,
} from 'src/credentials/credential-rules';
import type {
  PublicCredentialResponse,
  PublicCredentialSearch,
  PublicCredentialSearchResult,
  PublicSanction,
} from 'src/credentials/dto/public-credential.dto';

interface PublicRow {
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
  sanction_events: { event: 'suspended' | 'reinstated' | 'revoked'; at: string }[];
}

const COLUMNS = `id, number, status, suspended_until::text, valid_from::text, valid_until::text, issuing_authority,
                 type_code, type_name, profession, full_name, sanction_events`;

export const SEARCH_LIMIT = 20;

const STATUS_TEXT: Record<CredentialStatus, string> = {
  active: 'Valid',
  expired: 'Expired: past its end date',
  suspended: 'Suspended: not valid while suspended',
  revoked: 'Revoked: no longer valid',
};

/** Suspensions run until reinstatement (or their set end); a revocation is final. */
function sanctionsOf(row: PublicRow, dateOf: (instant: string) => string): PublicSanction[] {
  const sanctions: PublicSanction[] = [];
  for (const { event, at } of row.sanction_events) {
    const day = dateOf(at);
    if (event === 'suspended') sanctions.push({ kind: 'suspension', from: day, until: null });
    if (event === 'revoked') sanctions.push({ kind: 'revocation', from: day, until: null });
    const open = sanctions.findLast((s) => s.kind === 'suspension' && s.until === null);
    if (event === 'reinstated' && open) open.until = day;
  }
  const current = sanctions.findLast((s) => s.kind === 'suspension');
  if (row.status === 'suspended' && current && current.until === null)
    current.until = row.suspended_until;
  return sanctions;
}

function toPublic(row: PublicRow, calendar: Calendar): PublicCredentialResponse {
  const status = effectiveStatus(row.status, row.valid_until, calendar.today());
  return {
    number: row.number,
    status,
    statusText: STATUS_TEXT[status],
    holderName: row.full_name,
    credentialType: { code: row.type_code, name: row.type_name, profession: row.profession },
    issuingAuthority: row.issuing_authority,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    sanctions: sanctionsOf(row, (instant) => calendar.dateOf(instant)),
  };
}

/**
 * The public verification path. It is the hottest route, so it skips the ORM and runs named
 * prepared statements on the pool: Postgres parses and plans them once per connection.
 */
@Injectable()
export class PublicVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: Calendar,
  ) {}

  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  async byNumber(number: string): Promise<PublicCredentialResponse> {
    const credential = await this.findByNumber(number);
    // The same answer for unknown and unverified numbers: nothing to learn from a miss.
    if (!credential) throw new AppError('not-found', 'No verified credential has this number');
    return credential;
  }

  async findByNumber(number: string): Promise<PublicCredentialResponse | null> {
    if (number.length > 100) return null;
    const { rows } = await this.pool.query<PublicRow>({
      name: 'public_credential_by_number',
      text: `SELECT ${COLUMNS} FROM public_credentials WHERE number = $1`,
      values: [number],
    });
    return rows.length ? toPublic(rows[0], this.calendar) : null;
  }

  /** Answers for many numbers at once, keyed by number, with the credential ids (for the verification log). */
  async findMany(
    numbers: string[],
  ): Promise<Map<string, { id: string; answer: PublicCredentialResponse }>> {
    const { rows } = await this.pool.query<PublicRow>({
      name: 'public_credentials_by_numbers',
      text: `SELECT ${COLUMNS} FROM public_credentials WHERE number = ANY($1::text[])`,
      values: [numbers],
    });
    return new Map(
      rows.map((row) => [row.number, { id: row.id, answer: toPublic(row, this.calendar) }]),
    );
  }

  async search(query: PublicCredentialSearch): Promise<PublicCredentialSearchResult> {
    const { rows } = await this.pool.query<PublicRow>({
      name: 'public_credential_search',
      text: `SELECT ${COLUMNS} FROM public_credentials pc
              WHERE pc.folded_name LIKE '%' || fold_text($1) || '%'
                AND ($2::text IS NULL OR fold_text(pc.profession) = fold_text($2))
                AND ($3::text IS NULL OR pc.chapter_id = (SELECT id FROM chapters WHERE code = $3))
              ORDER BY pc.full_name, pc.number
              LIMIT $4`,
      values: [
        escapeLike(query.name),
        query.profession ?? null,
        query.chapter ?? null,
        SEARCH_LIMIT,
      ],
    });
    return { items: rows.map((row) => toPublic(row, this.calendar)), limit: SEARCH_LIMIT };
  }
}
