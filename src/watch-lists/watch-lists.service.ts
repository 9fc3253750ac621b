import { Injectable } from '@nestjs/common';
import { Access, requireApiKey } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { Transactions } from 'src/database/transactions';
import type {
  CreateWatchListDto,
  WatchRosterResponse,
  WatchEntryPage,
  WatchEntryResponse,
  WatchEventPage,
  WatcherResponse,
  WatchListResponse,
} from 'src/watch-lists/dto/watch-list.dto';
import { WatchListsRepository } from 'src/watch-lists/watch-lists.repository';

/** A roster is enrolled a thousand numbers at a time: one lookup and one insert each. */
const CHUNK = 1_000;

/** A roster's number, named as its sender knows it: `numbers[3]`, or `line 5` of a CSV. */
export interface RosterRow {
  row: string;
  number: string;
}

/**
 * Organisations watch the credentials they rely on (a hospital its doctors' permits), each list
 * kept with the purpose it stated, and read what changed of them in order.
 */
@Injectable()
export class WatchListsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: WatchListsRepository,
    private readonly credentials: CredentialsPort,
    private readonly access: Access,
  ) {}

  async create(actor: Actor, dto: CreateWatchListDto): Promise<WatchListResponse> {
    const key = requireApiKey(actor);
    const list = await this.transactions.run((manager) =>
      this.repository.insertList(manager, {
        apiKeyId: key.apiKeyId,
        organisation: key.organisation,
        name: dto.name,
        purpose: dto.purpose,
      }),
    );
    const { id, organisation, name, purpose, createdAt } = list;
    return { id, organisation, name, purpose, watching: 0, createdAt };
  }

  async lists(actor: Actor): Promise<WatchListResponse[]> {
    const key = requireApiKey(actor);
    return (await this.repository.listsOf(this.transactions.reader, key.apiKeyId)).map(
      ({ id, organisation, name, purpose, watching, createdAt }) => ({
        id,
        organisation,
        name,
        purpose,
        watching,
        createdAt,
      }),
    );
  }

  /** Watches one number: a credential a verifier can see. Sent again, it changes nothing. */
  async watch(actor: Actor, listId: string, number: string): Promise<WatchEntryResponse> {
    await this.ownList(actor, listId);
    const found = (await this.credentials.publicAnswers([number.trim()])).get(number.trim());
    if (!found) throw new AppError('not-found', 'No verified credential has this number');
    await this.transactions.run((manager) =>
      this.repository.enrol(manager, listId, [{ id: found.id, number: found.answer.number }]),
    );
    const enrolledAt = await this.repository.enrolledAt(
      this.transactions.reader,
      listId,
      found.answer.number,
    );
    return { number: found.answer.number, enrolledAt, credential: found.answer };
  }

  /**
   * Enrols a roster, whole or not at all, a thousand numbers at a time: numbers a verifier cannot
   * see are reported by row, those watched already (or twice in the roster) change nothing.
   */
  async enrolRoster(actor: Actor, listId: string, rows: RosterRow[]): Promise<WatchRosterResponse> {
    await this.ownList(actor, listId);
    const answer: WatchRosterResponse = { enrolled: 0, alreadyWatched: 0, unknown: [] };
    await this.transactions.run(async (manager) => {
      for (let start = 0; start < rows.length; start += CHUNK) {
        const chunk = rows.slice(start, start + CHUNK);
        const found = await this.credentials.publicAnswers(chunk.map((row) => row.number));
        const known = new Map<string, { id: string; number: string }>();
        for (const row of chunk) {
          const hit = found.get(row.number);
          if (hit) known.set(hit.id, { id: hit.id, number: hit.answer.number });
          else answer.unknown.push(row);
        }
        const credentials = [...known.values()];
        const enrolled = await this.repository.enrol(manager, listId, credentials);
        answer.enrolled += enrolled;
        answer.alreadyWatched += credentials.length - enrolled;
      }
    });
    return answer;
  }

  async unwatch(actor: Actor, listId: string, number: string): Promise<void> {
    await this.ownList(actor, listId);
    const removed = await this.transactions.run((manager) =>
      this.repository.remove(manager, listId, number),
    );
    if (!removed) throw notFound('Watched credential', number);
  }

  /** A page of what a list watches, each with what a verifier is told of it today. */
  async entries(
    actor: Actor,
    listId: string,
    after: string | undefined,
    limit = 100,
  ): Promise<WatchEntryPage> {
    await this.ownList(actor, listId);
    const page = await this.repository.entries(
      this.transactions.reader,
      listId,
      after ?? '',
      limit,
    );
    const answers = await this.credentials.publicAnswers(page.map((entry) => entry.number));
    return {
      items: page.flatMap(({ number, enrolledAt }) => {
        const found = answers.get(number);
        return found ? [{ number, enrolledAt, credential: found.answer }] : [];
      }),
      next: page.length === limit ? page.at(-1)!.number : null,
    };
  }

  /**
   * What changed of a list's credentials after a cursor, in the order it happened: an
   * organisation that cannot receive webhooks asks again with the cursor it was given.
   */
  async events(
    actor: Actor,
    listId: string,
    after: string | undefined,
    limit = 100,
  ): Promise<WatchEventPage> {
    await this.ownList(actor, listId);
    const [txId, id] = (after ?? '0:0').split(':');
    const changes = await this.repository.changes(
      this.transactions.reader,
      listId,
      { txId, id },
      limit,
    );
    const cursorOf = (change: { txId: string; id: string }) => `${change.txId}:${change.id}`;
    return {
      events: changes.map((change) => ({
        cursor: cursorOf(change),
        number: change.number,
        event: change.event,
        occurredAt: change.occurredAt,
      })),
      next: changes.length ? cursorOf(changes.at(-1)!) : (after ?? '0:0'),
    };
  }

  /** The organisations watching a credential, with each one's stated purpose (holder and staff). */
  async watchers(actor: Actor, credentialId: string): Promise<WatcherResponse[]> {
    await this.access.require(actor, 'Credential', credentialId, (ids) =>
      this.credentials.ownersOf(ids),
    );
    if (!(await this.credentials.ownersOf([credentialId])).size) {
      throw notFound('Credential', credentialId);
    }
    return this.repository.watchersOf(this.transactions.reader, credentialId);
  }

  private async ownList(actor: Actor, listId: string): Promise<void> {
    const key = requireApiKey(actor);
    const list = await this.repository.findOwn(this.transactions.reader, listId, key.apiKeyId);
    if (!list) throw notFound('Watch list', listId);
  }
}
