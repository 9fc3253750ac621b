import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CREDENTIALS_READ_MODEL, type WatchedChange } from 'src/credentials/credentials.read-model';
import { WatchEntry } from 'src/watch-lists/entities/watch-entry.entity';
import { WatchList } from 'src/watch-lists/entities/watch-list.entity';

/** Queries of watch lists and their entries, named. */
@Injectable()
export class WatchListsRepository {
  insertList(
    manager: EntityManager,
    values: Pick<WatchList, 'apiKeyId' | 'organisation' | 'name' | 'purpose'>,
  ): Promise<WatchList> {
    return manager.save(manager.create(WatchList, values));
  }

  /** An organisation's lists, each with how many credentials it watches. */
  listsOf(manager: EntityManager, apiKeyId: string) {
    return manager.query<(WatchList & { watching: number })[]>(
      `SELECT l.id, l.organisation, l.name, l.purpose, l.created_at AS "createdAt",
              (SELECT count(*)::int FROM watch_entries e WHERE e.watch_list_id = l.id) AS watching
         FROM watch_lists l WHERE l.api_key_id = $1 ORDER BY l.created_at, l.id`,
      [apiKeyId],
    );
  }

  /** One of an organisation's lists, or null (another's is as missing as none). */
  findOwn(manager: EntityManager, id: string, apiKeyId: string): Promise<WatchList | null> {
    return manager.findOneBy(WatchList, { id, apiKeyId });
  }

  /** Watches these credentials; those watched already stay as they were. How many were new. */
  async enrol(
    manager: EntityManager,
    watchListId: string,
    credentials: { id: string; number: string }[],
  ): Promise<number> {
    if (!credentials.length) return 0;
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO watch_entries (watch_list_id, credential_id, number)
       SELECT $1, id, number FROM unnest($2::uuid[], $3::text[]) AS given (id, number)
       ON CONFLICT DO NOTHING
       RETURNING credential_id`,
      [watchListId, credentials.map((c) => c.id), credentials.map((c) => c.number)],
    );
    return inserted.length;
  }

  /** When a list began watching a number (null: it does not). */
  async enrolledAt(manager: EntityManager, watchListId: string, number: string) {
    const [row] = await manager.query<{ enrolledAt: Date }[]>(
      `SELECT enrolled_at AS "enrolledAt" FROM watch_entries WHERE watch_list_id = $1 AND number = $2`,
      [watchListId, number],
    );
    return row?.enrolledAt ?? null;
  }

  /** Stops watching a number; whether it was watched. */
  async remove(manager: EntityManager, watchListId: string, number: string): Promise<boolean> {
    const { affected } = await manager.delete(WatchEntry, { watchListId, number });
    return (affected ?? 0) > 0;
  }

  /** A page of a list's entries in number order, after a number. */
  entries(manager: EntityManager, watchListId: string, after: string, limit: number) {
    return manager.query<{ number: string; enrolledAt: Date }[]>(
      `SELECT number, enrolled_at AS "enrolledAt" FROM watch_entries
        WHERE watch_list_id = $1 AND number > $2 ORDER BY number LIMIT $3`,
      [watchListId, after, limit],
    );
  }

  /** The changes of a list's credentials after a cursor, in order. */
  changes(
    manager: EntityManager,
    watchListId: string,
    after: { txId: string; id: string },
    limit: number,
  ): Promise<WatchedChange[]> {
    return manager.query(
      CREDENTIALS_READ_MODEL.changesAfter(
        'SELECT w.credential_id FROM watch_entries w WHERE w.watch_list_id = $1',
        '$2',
        '$3',
        '$4',
      ),
      [watchListId, after.txId, after.id, limit],
    );
  }

  /** The organisations watching a credential, with the purpose each stated. */
  watchersOf(manager: EntityManager, credentialId: string) {
    return manager.query<{ organisation: string; purpose: string; since: Date }[]>(
      `SELECT l.organisation, l.purpose, e.enrolled_at AS since
         FROM watch_entries e JOIN watch_lists l ON l.id = e.watch_list_id
        WHERE e.credential_id = $1 ORDER BY e.enrolled_at, l.id`,
      [credentialId],
    );
  }
}
