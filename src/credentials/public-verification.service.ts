import { Injectable } from '@nestjs/common';
import { Calendar } from 'src/common/calendar';
import { BatchedLookup } from 'src/common/batched-lookup';
import { AppError } from 'src/common/errors/app-error';
import { escapeLike } from 'src/common/paging';
import {
  PublicCredentialsRepository,
  type PublicRow,
} from 'src/credentials/public-credentials.repository';
import { effectiveStatus, type CredentialStatus } from 'src/credentials/credential-rules';
import type {
  PublicCredentialResponse,
  PublicCredentialSearch,
  PublicCredentialSearchResult,
  PublicSanction,
} from 'src/credentials/dto/public-credential.dto';

export const SEARCH_LIMIT = 20;

const STATUS_TEXT: Record<CredentialStatus, string> = {
  active: 'Valid',
  expired: 'Expired: past its end date',
  suspended: 'Suspended: not valid while suspended',
  revoked: 'Revoked: no longer valid',
  superseded: 'Superseded: replaced by a later credential',
};

/**
 * Suspensions run to their announced last day, or until lifted; a revocation is final. What was
 * announced is never rewritten: a suspension lifted on another day shows both. Several may hold
 * at once (staff's, a sanction's): each lifting names the one it lifts.
 */
function sanctionsOf(row: PublicRow, dateOf: (instant: string) => string): PublicSanction[] {
  const sanctions: PublicSanction[] = [];
  const open = new Map<string | null, PublicSanction>();
  for (const { event, at, on, until, suspension = null } of row.sanction_events) {
    const day = on ?? dateOf(at);
    if (event === 'suspended') {
      const opened: PublicSanction = { kind: 'suspension', from: day, until: until ?? null };
      open.set(suspension, opened);
      sanctions.push(opened);
    } else if (event === 'revoked') {
      sanctions.push({ kind: 'revocation', from: day, until: null });
    } else {
      const lifted = open.get(suspension);
      open.delete(suspension);
      if (lifted && (lifted.until === null || day <= lifted.until) && lifted.until !== day) {
        // Lifted while in force: on that day, not on the day announced.
        Object.assign(lifted, { until: day, announcedUntil: lifted.until });
      }
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
    ...(status === 'superseded' ? { supersededBy: row.superseded_by } : {}),
    sanctions: sanctionsOf(row, (instant) => calendar.dateOf(instant)),
    holderSanctions: row.holder_sanctions,
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
 * The public verification path, the hottest route (its queries: PublicCredentialsRepository).
 * Single lookups that arrive together share one query (see BatchedLookup).
 */
@Injectable()
export class PublicVerificationService {
  constructor(
    private readonly repository: PublicCredentialsRepository,
    private readonly calendar: Calendar,
  ) {}

  private readonly lookups = new BatchedLookup((numbers: string[]) => this.findMany(numbers), {
    maxInFlight: LOOKUP_QUERIES_AT_ONCE,
    maxBatch: 1000,
  });

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
    const rows = await this.repository.byNumbers(numbers.filter(couldBeANumber));
    return new Map(
      rows.map((row) => [row.number, { id: row.id, answer: toPublic(row, this.calendar) }]),
    );
  }

  async search(query: PublicCredentialSearch): Promise<PublicCredentialSearchResult> {
    const rows = await this.repository.search({
      name: escapeLike(query.name),
      profession: query.profession ?? null,
      chapter: query.chapter ?? null,
      limit: SEARCH_LIMIT,
    });
    return { items: rows.map((row) => toPublic(row, this.calendar)), limit: SEARCH_LIMIT };
  }
}
