import {
  Global,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PgBoss, type Job, type QueuePolicy, type SendOptions } from 'pg-boss';
import type { EntityManager } from 'typeorm';
import type { RuntimeSettings } from 'src/config/settings';

/** pg-boss keeps its jobs in this schema of the same database, which it creates and upgrades itself. */
export const JOB_SCHEMA = 'pgboss';

/** A failed delivery is tried again after 30 s, then twice as long each time, eight times. */
const RETRIES: Pick<SendOptions, 'retryLimit' | 'retryDelay' | 'retryBackoff' | 'retryDelayMax'> = {
  retryLimit: 8,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 3600,
};

interface Worker {
  queue: string;
  handle: (data: Record<string, unknown>) => Promise<void>;
  /** How many of its jobs this process works at once. */
  concurrency: number;
}

interface Schedule {
  queue: string;
  cron: string;
}

/**
 * An error as a log line a person can read: its message and code, and the queue, job or worker it
 * came from where it names them. pg-boss emits plain objects as well as errors.
 */
export function describeJobError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const fields = error as Record<string, unknown>;
  const message =
    typeof fields.message === 'string' && fields.message !== ''
      ? fields.message
      : error instanceof Error
        ? error.name
        : JSON.stringify(error);
  const named = (['code', 'queue', 'name', 'jobId', 'id', 'worker'] as const)
    .filter((key) => key !== 'name' || !(error instanceof Error))
    .filter((key) => typeof fields[key] === 'string' || typeof fields[key] === 'number')
    .map((key) => `${key} ${String(fields[key])}`);
  return named.length ? `${message} (${named.join(', ')})` : message;
}

/**
 * Jobs kept in PostgreSQL (pg-boss), so they survive a restart and every replica shares them: a
 * job is sent in the transaction that decides it (it exists only if that commits), and one
 * replica works it, again with backoff until it succeeds. Modules declare their queues, workers
 * and schedules before the application starts; a process with `JOB_RUNNER=false` only sends.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly queues = new Map<string, QueuePolicy>();
  private readonly workers: Worker[] = [];
  private readonly schedules: Schedule[] = [];
  private started?: Promise<void>;
  /** Why the queue could not start, while it cannot: readiness reports it. */
  private failure: string | null = null;

  constructor(private readonly config: ConfigService<RuntimeSettings, true>) {
    this.boss = new PgBoss({
      connectionString: config.get('databaseUrl', { infer: true }),
      schema: JOB_SCHEMA,
      max: 3,
      application_name: 'guildhall-jobs',
      schedule: config.get('jobRunner', { infer: true }),
      supervise: config.get('jobRunner', { infer: true }),
    });
    this.boss.on('error', (error: unknown) =>
      this.logger.error(`Job queue: ${describeJobError(error)}`),
    );
  }

  /**
   * A queue the module sends to; its jobs retry with backoff. Call in the constructor. A
   * `stately` queue holds one job waiting and one at work: a job sent while one waits is the same
   * work, and is not queued twice.
   */
  declareQueue(queue: string, policy: QueuePolicy = this.queues.get(queue) ?? 'standard'): void {
    this.queues.set(queue, policy);
  }

  /**
   * Works the queue's jobs in this process (when it runs jobs), `concurrency` at once: a job
   * that stalls holds one worker, not the queue. Call in the constructor.
   */
  declareWorker(
    queue: string,
    handle: Worker['handle'],
    policy?: QueuePolicy,
    concurrency = 1,
  ): void {
    this.declareQueue(queue, policy);
    this.workers.push({ queue, handle, concurrency });
  }

  /** Sends a job to the queue on the cron (in the association's time zone): one per tick across replicas. */
  declareSchedule(queue: string, cron: string): void {
    this.declareQueue(queue);
    this.schedules.push({ queue, cron });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('jobRunner', { infer: true })) await this.start();
  }

  /** Whether this process runs jobs, and whether its queue is working (readiness reads it). */
  state(): { runsJobs: boolean; failure: string | null } {
    return { runsJobs: this.config.get('jobRunner', { infer: true }), failure: this.failure };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started)
      await this.boss.stop({ graceful: true, timeout: 5_000 }).catch(() => undefined);
  }

  /** Sends a job on its own, outside any transaction (what starting a process asks for). */
  async send(queue: string, data: Record<string, unknown> = {}): Promise<void> {
    await this.start();
    await this.boss.send(queue, data, RETRIES);
  }

  /** Sends jobs inside the caller's transaction: they exist only if it commits. */
  async sendIn(
    manager: EntityManager,
    queue: string,
    jobs: Record<string, unknown>[],
  ): Promise<void> {
    if (!jobs.length) return;
    await this.start();
    const db = {
      executeSql: async (text: string, values?: unknown[]) => ({
        rows: await manager.query<unknown[]>(text, values),
      }),
    };
    await this.boss.insert(
      queue,
      jobs.map((data) => ({ data, ...RETRIES })),
      { db },
    );
  }

  private start(): Promise<void> {
    this.started ??= (async () => {
      try {
        await this.boss.start();
        this.failure = null;
      } catch (error) {
        // Started again on the next send: a database down at start is not the end of the queue.
        this.failure = describeJobError(error);
        this.started = undefined;
        throw error;
      }
      for (const [queue, policy] of this.queues) await this.boss.createQueue(queue, { policy });
      if (!this.config.get('jobRunner', { infer: true })) return;
      for (const { queue, handle, concurrency } of this.workers) {
        await this.boss.work<Record<string, unknown>>(
          queue,
          { pollingIntervalSeconds: 0.5, localConcurrency: concurrency },
          async (jobs: Job<Record<string, unknown>>[]) => {
            for (const job of jobs) {
              try {
                await handle(job.data);
              } catch (error) {
                // Failed, it is tried again with backoff; the log says which job and why.
                this.logger.error(`Job ${job.name} ${job.id} failed: ${describeJobError(error)}`);
                throw error;
              }
            }
          },
        );
      }
      const tz = this.config.get('timeZone', { infer: true });
      for (const { queue, cron } of this.schedules) {
        await this.boss.schedule(queue, cron, {}, { tz, ...RETRIES });
      }
    })();
    return this.started;
  }
}

@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobQueueModule {}
