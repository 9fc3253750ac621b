import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Calendar } from 'src/common/calendar';
import { BatchedLookup } from 'src/common/batched-lookup';
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
  sanction_events: {
    event: 'suspended' | 'reinstated' | 'revoked';
    at: string;
    /** A suspension's announced last day. */
    until?: string | null;
  }[];
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

/**
 * Suspensions run to their announced last day, or until lifted; a revocation is final. What was
 * announced is never rewritten: a suspension lifted on another day shows both.
 */
function sanctionsOf(row: PublicRow, dateOf: (instant: string) => string): PublicSanction[] {
  const sanctions: PublicSanction[] = [];
  let open: PublicSanction | undefined;
  for (const { event, at, until } of row.sanction_events) {
    const day = dateOf(at);
    if (event === 'suspended') {
      open = { kind: 'suspension', from: day, until: until ?? null };
      sanctions.push(open);
    } else if (event === 'revoked') {
      sanctions.push({ kind: 'revocation', from: day, until: null });
    } else if (open && (open.until === null || day <= open.until)) {
      // Lifted while in force: on that day, not on the day announced.
      if (open.until !== day) Object.assign(open, { until: day, announcedUntil: open.until });
      open = undefined;
    }
  }
  return sanctions;
}

function toPublic(row: PublicRow, calendar: Calendar): PublicCredentialResponse {
  const status = effectiveStatus(
    row.status,
    row.valid_until,
    calendar.today(),
    row.suspended_until,
  );
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
 * Postgres text holds no NUL byte and numbers are at most 100 characters; asking for anything else
 * would fail the whole query, and with it every caller sharing it, so such a number is simply not
 * found.
 */
const couldBeANumber = (number: string) => number.length <= 100 && !number.includes('\0');

/**
 * One lookup query at a time; numbers asked for meanwhile leave together in the next, so under
 * load each query answers many callers. On two cores (bench/) this more than doubled the public
 * lookup's requests per second and halved its p99; two or more queries at once made smaller
 * batches and were slower.
 */
const LOOKUP_QUERIES_AT_ONCE = 1;

/**
 * The public verification path. It is the hottest route, so it skips the ORM and runs named
 * prepared statements on the pool: Postgres parses and plans them once per connection. Single
 * lookups that arrive together share one query (see BatchedLookup).
 */
@Injectable()
export class PublicVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: Calendar,
  ) {}

  private readonly lookups = new BatchedLookup((numbers: string[]) => this.findMany(numbers), {
    maxInFlight: LOOKUP_QUERIES_AT_ONCE,
    maxBatch: 1000,
  });

  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  async byNumber(number: string): Promise<PublicCredentialResponse> {
    const credential = await this.findByNumber(number);
    // The same answer for unknown and unverified numbers: nothing to learn from a miss.
    if (!credential) throw new AppError('not-found', 'No verified credential has this number');
    return credential;
  }

  findByNumber(number: string): Promise<PublicCredentialResponse | null> {
    return this.findOne(number).then((found) => found?.answer ?? null);
  }

  /** One number's answer with its credential id (for the verification log), sharing a query with others asked at once. */
  findOne(number: string): Promise<{ id: string; answer: PublicCredentialResponse } | undefined> {
    if (!couldBeANumber(number)) return Promise.resolve(undefined);
    return this.lookups.get(number);
  }

  /** Answers for many numbers at once, keyed by number, with the credential ids (for the verification log). */
  async findMany(
    numbers: string[],
  ): Promise<Map<string, { id: string; answer: PublicCredentialResponse }>> {
    const { rows } = await this.pool.query<PublicRow>({
      name: 'public_credentials_by_numbers',
      text: `SELECT ${COLUMNS} FROM public_credentials WHERE number = ANY($1::text[])`,
      values: [numbers.filter(couldBeANumber)],
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
