import { ProfessionsPort } from 'src/professions/professions.port';
import { StaffScopesRepository } from 'src/membership/staff-scopes.repository';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CsvError, parse } from 'csv-parse';
import { createHash } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import { AuditService } from 'src/audit/audit.service';
import type { AccountActor } from 'src/auth/principal';
import { ChaptersPort } from 'src/chapters/chapters.port';
import { CSV_MAX_RECORD_CHARS } from 'src/common/csv';
import { NotUtf8Error, utf8LinesOnly } from 'src/common/encoding/utf8-lines';
import type { RuntimeSettings } from 'src/config/settings';
import { allowJobWaits } from 'src/database/job-timeouts';
import { notFound } from 'src/common/errors/app-error';
import { CredentialsPort } from 'src/credentials/credentials.port';
import type { ImportReportResponse } from 'src/membership/dto/membership-import.dto';
import type { MembershipImport } from 'src/membership/entities/membership-import.entity';
import { MembershipCategoriesRepository } from 'src/membership/membership-categories.repository';
import { Transactions } from 'src/database/transactions';
import type { EntityManager, QueryRunner } from 'typeorm';
import {
  headerErrors,
  readRow,
  type ImportCounts,
  type ImportLookups,
  type ImportRow,
  type ImportRowError,
} from 'src/membership/import/import-rows';
import { ImportedMemberships } from 'src/membership/import/imported-memberships';
import { PeoplePort } from 'src/people/people.port';
import { MembershipRepository } from 'src/membership/membership.repository';

/** Rows are checked and written this many at a time: memory stays flat whatever the file's size. */
const BATCH = 5_000;
/** The report lists this many errors; the count covers them all. */
const LISTED_ERRORS = 1_000;

interface RunState {
  total: number;
  errorCount: number;
  errors: ImportRowError[];
  created: ImportCounts;
  unchanged: ImportCounts;
  /** First row of each value that must be unique in the file. */
  seen: {
    nationalId: Map<string, number>;
    memberNumber: Map<string, number>;
    credential: Map<string, number>;
  };
}

class UploadCutOff extends Error {}

/** The errors a stream ends with when its client went away. */
const isCutOff = (error: unknown) =>
  ['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'ECONNABORTED'].includes(
    (error as NodeJS.ErrnoException | undefined)?.code ?? '',
  ) || (error as Error | undefined)?.message === 'aborted';

const counts = (): ImportCounts => ({ people: 0, memberships: 0, credentials: 0 });

export const toImportReport = (run: MembershipImport): ImportReportResponse => ({
  id: run.id,
  fileName: run.fileName,
  sha256: run.fileSha256,
  dryRun: run.dryRun,
  status: run.status,
  failureReason: run.failureReason,
  totalRows: run.totalRows,
  processedRows: run.processedRows,
  created: run.created ?? counts(),
  unchanged: run.unchanged ?? counts(),
  errorCount: run.errorCount,
  errors: run.errors ?? [],
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
});

/** What a row outside a scoped account's profession, chapter or people is told. */
const OUTSIDE_SCOPE = "is outside this account's scope: its profession, chapter and people";

/**
 * Imports an existing register from CSV: people (matched by national ID), memberships and
 * credentials. The file is streamed and handled in batches inside one transaction, so a real run
 * commits every row or none; a dry run checks everything and writes nothing. Rows already on
 * record are counted as unchanged, so running the same file again creates no duplicates.
 */
@Injectable()
export class MembershipImportService implements OnApplicationBootstrap {
  constructor(
    private readonly transactions: Transactions,
    private readonly categoryRepository: MembershipCategoriesRepository,
    private readonly repository: MembershipRepository,
    private readonly audit: AuditService,
    private readonly people: PeoplePort,
    private readonly credentialRegister: CredentialsPort,
    private readonly importedMemberships: ImportedMemberships,
    private readonly chapters: ChaptersPort,
    private readonly config: ConfigService<RuntimeSettings, true>,
    private readonly staffScopes: StaffScopesRepository,
    private readonly professions: ProfessionsPort,
  ) {}

  /** Runs left `running` by a process that died are failed at start-up, and on every read. */
  async onApplicationBootstrap(): Promise<void> {
    await this.failAbandoned();
  }

  /** The latest runs; an account scoped to a profession or chapter sees its own only. */
  async list(actor: AccountActor): Promise<ImportReportResponse[]> {
    await this.failAbandoned();
    const runs = await this.repository.listRecentImports(
      50,
      actor.scope ? actor.accountId : undefined,
    );
    return runs.map(toImportReport);
  }

  async get(actor: AccountActor, id: string): Promise<ImportReportResponse> {
    await this.failAbandoned();
    const run = await this.repository.findImport(id);
    if (!run || (actor.scope && run.startedByAccountId !== actor.accountId)) {
      throw notFound('Import', id);
    }
    return toImportReport(run);
  }

  async run(
    actor: AccountActor,
    input: Readable,
    options: { dryRun: boolean; fileName: string | null },
  ): Promise<ImportReportResponse> {
    // One connection throughout: the run is recorded on it before the transaction begins (so
    // others see it, and its session, whose end tells that the process died), then the rows are
    // written in the transaction, then the outcome after it ends.
    const runner = await this.transactions.connection();
    let run: MembershipImport;
    let lookups: ImportLookups;
    try {
      lookups = await this.lookups(runner.manager);
      const session = await this.repository.sessionOf(runner.manager);
      run = await this.repository.startImport(runner.manager, {
        dryRun: options.dryRun,
        fileName: options.fileName,
        startedByAccountId: actor.accountId,
        backendPid: session.pid,
        backendStart: session.started,
      });
      await runner.startTransaction();
    } catch (error) {
      await runner.release();
      throw error;
    }
    const state: RunState = {
      total: 0,
      errorCount: 0,
      errors: [],
      created: counts(),
      unchanged: counts(),
      seen: { nationalId: new Map(), memberNumber: new Map(), credential: new Map() },
    };
    const addError = (error: ImportRowError) => {
      state.errorCount++;
      if (state.errors.length < LISTED_ERRORS) state.errors.push(error);
    };
    const hash = createHash('sha256');
    let headerRead = false;
    const parser = parse({
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // One endless line is refused at this length, naming it; memory stays flat.
      max_record_size: CSV_MAX_RECORD_CHARS,
      columns: (header: string[]) => {
        headerRead = true;
        const columns = header.map((column) => column.trim().toLowerCase());
        headerErrors(columns).forEach(addError);
        return columns;
      },
    });
    // A client that goes away mid-upload leaves a file cut short: stop at once, write nothing.
    // (A file the parser refuses closes the upload too; that is the file's fault, named as such.)
    let cutOff = input.destroyed && !input.readableEnded;
    let unreadable = false;
    parser.once('error', () => (unreadable = true));
    input.once('close', () => {
      if (input.readableEnded || unreadable) return;
      cutOff = true;
      parser.destroy(new Error('The upload was cut off'));
    });
    pipeline(
      input,
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      utf8LinesOnly(),
      parser,
      () => undefined, // a broken upload surfaces as the parser's error below
    );

    await allowJobWaits(runner.manager, this.config.get('databaseTimeouts', { infer: true }));
    // Imports that write run one after another: a second register waits for the first to commit,
    // then finds its people and members already there (unchanged) instead of colliding with them.
    if (!options.dryRun) await this.repository.lockImports(runner.manager);
    let status: MembershipImport['status'] = 'failed';
    let failureReason: string | null = null;
    try {
      let batch: ImportRow[] = [];
      try {
        for await (const record of parser as AsyncIterable<Record<string, string>>) {
          if (state.errorCount && state.total === 0 && state.errors[0]?.row === 1) break;
          state.total++;
          const row = state.total + 1;
          const { value, errors } = readRow(record, row, lookups);
          errors.forEach(addError);
          if (value && this.unique(value, state, addError)) batch.push(value);
          if (batch.length === BATCH) {
            await this.applyBatch(
              runner.manager,
              actor,
              batch,
              state,
              options.dryRun,
              run.id,
              addError,
            );
            batch = [];
            await this.repository.reportProgress(runner.manager, state.total);
          }
        }
      } catch (error) {
        if (cutOff || isCutOff(error)) throw new UploadCutOff();
        // Only what the file holds is the file's fault; a failure to write is the run's.
        if (!(error instanceof NotUtf8Error || error instanceof CsvError)) throw error;
        addError({
          row: error instanceof NotUtf8Error ? error.line : state.total + 2,
          column: null,
          message: `The file cannot be read as CSV: ${error.message}`,
        });
      }
      if (cutOff) throw new UploadCutOff();
      if (!headerRead && state.errorCount === 0)
        addError({ row: 1, column: null, message: 'The file is empty: it needs a header row' });
      await this.applyBatch(runner.manager, actor, batch, state, options.dryRun, run.id, addError);
      if (state.errorCount === 0 && !options.dryRun) {
        await this.audit.record(runner.manager, actor, {
          action: 'membership_import.committed',
          entityType: 'membership_import',
          entityId: run.id,
          after: { rows: state.total, created: state.created, unchanged: state.unchanged },
        });
        await runner.commitTransaction();
        status = 'committed';
      } else {
        await runner.rollbackTransaction();
        status = state.errorCount ? 'rejected' : 'validated';
      }
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      failureReason =
        error instanceof UploadCutOff
          ? 'The upload was cut off before the end of the file; nothing was written'
          : `The import stopped: ${(error as Error).message}; nothing was written`;
      if (!(error instanceof UploadCutOff)) throw error;
    } finally {
      const failed = status === 'failed';
      await this.finish(runner, run.id, {
        status,
        failureReason: failed ? (failureReason ?? 'The import stopped; nothing was written') : null,
        fileSha256: hash.copy().digest('hex'),
        totalRows: state.total,
        processedRows: failed ? 0 : state.total,
        created: failed ? counts() : state.created,
        unchanged: failed ? counts() : state.unchanged,
        errorCount: state.errorCount,
        errors: state.errors,
        finishedAt: new Date(),
      });
    }
    return this.get(actor, run.id);
  }

  /**
   * The outcome, on the run's connection once its transaction has ended; where that connection
   * is broken, on another once it is given back (a run whose session ended is failed anyway).
   */
  private async finish(
    runner: QueryRunner,
    id: string,
    outcome: Parameters<MembershipRepository['updateImport']>[2],
  ): Promise<void> {
    try {
      await this.repository.updateImport(runner.manager, id, outcome);
      await this.repository.forgetProgress(runner.manager);
    } catch {
      await runner.release();
      await this.repository.updateImport(this.transactions.reader, id, outcome);
    } finally {
      await runner.release();
    }
  }

  /** The rows a scoped account may not import: another profession, chapter or person. */
  private async rowsOutsideScope(
    manager: EntityManager,
    actor: AccountActor,
    batch: ImportRow[],
    people: Map<string, string>,
  ): Promise<Set<number>> {
    const scope = actor.scope;
    if (!scope) return new Set();
    const chapters = scope.chapterId
      ? new Set(
          await this.staffScopes.chaptersInScope(manager, scope.chapterId, [
            ...new Set(batch.map((row) => row.chapterId)),
          ]),
        )
      : null;
    const known = [...new Set(batch.flatMap((row) => people.get(row.nationalId) ?? []))];
    const reached = new Set(
      known.length ? await this.staffScopes.peopleInScope(manager, scope, known) : [],
    );
    return new Set(
      batch
        .filter((row) => {
          const personId = people.get(row.nationalId);
          return (
            (scope.professionId !== null &&
              row.professions.some((profession) => profession !== scope.professionId)) ||
            (chapters !== null && !chapters.has(row.chapterId)) ||
            (personId !== undefined && !reached.has(personId))
          );
        })
        .map((row) => row.row),
    );
  }

  /**
   * Fails the runs whose database session has ended without them finishing: the process running
   * them died, and their transaction rolled back with it.
   */
  private failAbandoned(): Promise<void> {
    return this.repository.failAbandonedImports();
  }

  /** Values that must be unique in the file: the first row keeps them, later rows are errors. */
  private unique(row: ImportRow, state: RunState, addError: (error: ImportRowError) => void) {
    const checks: [Map<string, number>, string | null | undefined, string][] = [
      [state.seen.nationalId, row.nationalId, 'national_id'],
      [state.seen.memberNumber, row.memberNumber, 'member_number'],
      [state.seen.credential, row.credential?.number, 'credential_number'],
    ];
    let ok = true;
    for (const [seen, value, column] of checks) {
      if (!value) continue;
      const first = seen.get(value);
      if (first !== undefined) {
        addError({ row: row.row, column, message: `repeats row ${first}` });
        ok = false;
      } else seen.set(value, row.row);
    }
    return ok;
  }

  /**
   * Checks a batch against what is on record, then (in a real run with no error so far) writes
   * it. A person already on record is matched by national ID; their membership and credentials
   * count as unchanged.
   */
  private async applyBatch(
    manager: EntityManager,
    actor: AccountActor,
    batch: ImportRow[],
    state: RunState,
    dryRun: boolean,
    importId: string,
    addError: (error: ImportRowError) => void,
  ) {
    if (!batch.length) return;
    const people = await this.people.idsByNationalId(
      manager,
      batch.map((row) => row.nationalId),
    );
    // A scoped account imports into its own profession and chapter, and only people it reaches.
    // A row outside is refused with one message, whatever made it so: whether someone is on the
    // register is not for the account to learn from the answer.
    const outside = await this.rowsOutsideScope(manager, actor, batch, people);
    batch = batch.filter((row) => {
      if (!outside.has(row.row)) return true;
      addError({ row: row.row, column: null, message: OUTSIDE_SCOPE });
      return false;
    });
    const members = await this.repository.memberNumbersOf(
      manager,
      [...people.values()],
      batch.flatMap((row) => (row.memberNumber ? [row.memberNumber] : [])),
    );
    const numberOf = new Map(members.map((m) => [m.person_id, m.member_number]));
    const holderOf = new Map(members.map((m) => [m.member_number, m.person_id]));
    const credentialHolders = await this.credentialRegister.holdersByNumber(
      manager,
      batch.flatMap((row) => (row.credential ? [row.credential.number] : [])),
    );
    // A type's cap on valid credentials per person holds for imports as for the API.
    const heldOfType = await this.credentialRegister.validCounts(
      manager,
      batch.flatMap((row) => {
        const personId = people.get(row.nationalId);
        return personId && row.credential?.maxActivePerPerson != null
          ? [{ personId, typeId: row.credential.typeId }]
          : [];
      }),
    );

    const good: {
      row: ImportRow;
      personId?: string;
      newMembership: boolean;
      newCredential: boolean;
    }[] = [];
    for (const row of batch) {
      const personId = people.get(row.nationalId);
      const current = personId ? numberOf.get(personId) : undefined;
      let failed = false;
      if (current !== undefined && row.memberNumber && row.memberNumber !== current) {
        addError({
          row: row.row,
          column: 'member_number',
          message: `the person is already a member as ${current}`,
        });
        failed = true;
      } else if (current === undefined && row.memberNumber && holderOf.has(row.memberNumber)) {
        addError({
          row: row.row,
          column: 'member_number',
          message: 'already held by another member',
        });
        failed = true;
      }
      const holder = row.credential ? credentialHolders.get(row.credential.number) : undefined;
      if (holder !== undefined && holder !== personId) {
        addError({
          row: row.row,
          column: 'credential_number',
          message: 'already recorded for another person',
        });
        failed = true;
      }
      const cap = row.credential?.maxActivePerPerson;
      const held =
        personId && row.credential ? heldOfType.get(`${personId}:${row.credential.typeId}`) : 0;
      if (cap != null && holder === undefined && held !== undefined && held >= cap) {
        addError({
          row: row.row,
          column: 'credential_type',
          message: `a person may hold at most ${cap} valid ${row.credential!.typeCode} at once; this person holds ${held}`,
        });
        failed = true;
      }
      if (!failed) {
        good.push({
          row,
          personId,
          newMembership: current === undefined,
          newCredential: row.credential !== null && holder === undefined,
        });
      }
    }
    for (const { personId, newMembership, newCredential, row } of good) {
      state[personId ? 'unchanged' : 'created'].people++;
      state[newMembership ? 'created' : 'unchanged'].memberships++;
      if (row.credential) state[newCredential ? 'created' : 'unchanged'].credentials++;
    }
    if (dryRun || state.errorCount) return;

    const source = `register import ${importId}`;
    const created = await this.people.createMany(
      manager,
      actor,
      good
        .filter((item) => !item.personId)
        .map(({ row }) => ({
          fullName: row.fullName,
          nationalId: row.nationalId,
          email: row.email,
          birthDate: row.birthDate,
        })),
      source,
    );
    const personOf = (item: (typeof good)[number]) =>
      item.personId ?? created.get(item.row.nationalId)!;
    await this.credentialRegister.recordMany(
      manager,
      actor,
      good
        .filter((item) => item.newCredential)
        .map((item) => ({
          personId: personOf(item),
          credentialTypeId: item.row.credential!.typeId,
          number: item.row.credential!.number,
          issuingAuthority: item.row.credential!.issuingAuthority,
          validFrom: item.row.credential!.validFrom,
          validUntil: item.row.credential!.validUntil,
          place: item.row.credential!.place,
          // Whoever issued it, an imported credential is checked against its source before it counts.
          verified: false,
        })),
      source,
    );
    const categories = new Map(
      (await this.categoryRepository.listByCode(manager)).map((category) => [
        category.id,
        category,
      ]),
    );
    await this.importedMemberships.insertMany(
      manager,
      actor,
      good
        .filter((item) => item.newMembership)
        .map((item) => ({
          personId: personOf(item),
          memberNumber: item.row.memberNumber,
          category: categories.get(item.row.categoryId)!,
          chapterId: item.row.chapterId,
          chapterCode: item.row.chapterCode,
          speciality: item.row.speciality,
          memberSince: item.row.memberSince,
          coveredUntil: item.row.coveredUntil,
          status: item.row.status,
        })),
      importId,
    );
  }

  /** One after another: they share the run's single connection. */
  private async lookups(manager: EntityManager): Promise<ImportLookups> {
    const chapters = await this.chapters.all(manager);
    const categories = await this.categoryRepository.listByCode(manager);
    const types = await this.credentialRegister.typesHoldingFor(manager, null);
    const professions = await this.professions.all(manager);
    return {
      chapters: new Map(chapters.map((chapter) => [chapter.code, chapter])),
      professions: new Map(professions.map((profession) => [profession.code, profession.id])),
      categories: groupByCode(categories),
      credentialTypes: groupByCode(types),
    };
  }
}

/** Items by code, each code with every profession's item of it. */
function groupByCode<T extends { code: string }>(items: T[]): Map<string, T[]> {
  const byCode = new Map<string, T[]>();
  for (const item of items) byCode.set(item.code, [...(byCode.get(item.code) ?? []), item]);
  return byCode;
}
