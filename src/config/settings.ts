import { plainToInstance, Transform } from 'class-transformer';
import { availableParallelism } from 'node:os';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  Min,
  MaxLength,
  MinLength,
  validateSync,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The configuration packs shipped in src/seed-packs/packs, and `none` for a bare start. */
export const SEED_PACK_NAMES = ['idi', 'peradi', 'pii', 'none'] as const;
export type SeedPackName = (typeof SEED_PACK_NAMES)[number];

/** Connections of each pool for a database server of unknown size elsewhere. */
const POOL_SIZE_FOR_A_SEPARATE_SERVER = 10;

/**
 * Connections for the quick reads (QuickReads) when PostgreSQL runs on this machine (the embedded
 * default): two per core, PostgreSQL's own rule of thumb. More than cores do not serve more: the
 * backends take turns on the cores with this process, which then answers late.
 */
export function poolSizeBesideDatabase(): number {
  return 2 * availableParallelism();
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/** Every setting Guildhall reads from the environment; docs/settings.md lists the same. Each has an initialiser, so the class also lists the known names. */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV = 'development';
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) PORT = 3000;
  @IsString() HOST = '0.0.0.0';
  @IsOptional() @IsString() @MinLength(1) DATABASE_URL?: string = undefined;
  @Transform(toInt) @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE = POOL_SIZE_FOR_A_SEPARATE_SERVER;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200) DATABASE_READ_POOL_SIZE?: number =
    undefined;
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) DATABASE_STATEMENT_TIMEOUT_MS = 10_000;
  @Transform(toInt) @IsInt() @Min(10) @Max(3_600_000) DATABASE_LOCK_TIMEOUT_MS = 5_000;
  @Transform(toInt) @IsInt() @Min(10) @Max(600_000) DATABASE_POOL_WAIT_MS = 5_000;
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) REQUEST_DEADLINE_MS = 10_000;
  @Transform(toInt) @IsInt() @Min(1_000) @Max(86_400_000) DATABASE_JOB_TIMEOUT_MS = 900_000;
  @IsString() EMBEDDED_PG_DIR = '.data/postgres';
  @Transform(toInt) @IsInt() @Min(1) @Max(65535) EMBEDDED_PG_PORT = 54329;
  @IsOptional() @IsString() @MinLength(32) JWT_SECRET?: string = undefined;
  @Transform(toInt) @IsInt() @Min(60) @Max(3600) ACCESS_TOKEN_TTL_SECONDS = 900;
  @Transform(toInt) @IsInt() @Min(1) @Max(365) REFRESH_TOKEN_TTL_DAYS = 30;
  @IsEmail() ADMIN_EMAIL = 'admin@guildhall.local';
  @IsOptional() @IsString() @MinLength(12) ADMIN_PASSWORD?: string = undefined;
  @Transform(toInt) @IsInt() @Min(1) @Max(100) LOGIN_MAX_FAILURES = 5;
  @Transform(toInt) @IsInt() @Min(1) @Max(1440) LOGIN_LOCKOUT_MINUTES = 15;
  @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT_PER_MINUTE = 600;
  @Transform(toInt) @IsInt() @Min(1) LOGIN_RATE_LIMIT_PER_MINUTE = 10;
  @IsIn(LOG_LEVELS) LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
  @Transform(toBool) @IsBoolean() TRUST_PROXY = false;
  @IsTimeZone() TIMEZONE = 'UTC';
  @Matches(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, { message: 'must be HH:MM (24-hour) or off' })
  DAILY_RUN_TIME = '01:00';
  @IsOptional() @IsString() @MinLength(32) ISSUER_KEY_SECRET?: string = undefined;
  @IsString() EVIDENCE_DIR = '.data/evidence';
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string = undefined;
  @IsString() @MinLength(1) @MaxLength(200) ASSOCIATION_NAME = 'Guildhall';
  @Transform(toInt) @IsInt() @Min(1024) @Max(104_857_600) EVIDENCE_MAX_BYTES = 10_485_760;
  @IsIn(SEED_PACK_NAMES) SEED_PACK: SeedPackName = 'idi';
  @Transform(toBool) @IsBoolean() ETHICS_RECUSE_SAME_CHAPTER = false;
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string = undefined;
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) SMTP_TIMEOUT_MS = 15_000;
  @IsEmail({ allow_display_name: true }) MAIL_FROM = 'Guildhall <no-reply@guildhall.local>';
  @Transform(toBool) @IsBoolean() JOB_RUNNER = true;
}

export interface Settings {
  nodeEnv: string;
  port: number;
  host: string;
  databaseUrl?: string;
  databasePoolSize: number;
  /** Connections of the pool for the short reads on the hot paths (QuickReads). */
  databaseReadPoolSize: number;
  /** Bounded waits on the database: one statement, one lock, a free connection of the pool. */
  databaseTimeouts: DatabaseTimeouts;
  embeddedPgDir: string;
  embeddedPgPort: number;
  jwtSecret?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  adminEmail: string;
  adminPassword?: string;
  loginMaxFailures: number;
  loginLockoutMinutes: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  logLevel: (typeof LOG_LEVELS)[number];
  trustProxy: boolean;
  evidenceDir: string;
  evidenceMaxBytes: number;
  /** The association's name as the public page and certificates show it. */
  associationName: string;
  /** Where the public pages are reached (QR codes point there); http://localhost:PORT by default. */
  publicBaseUrl: string;
  /** IANA time zone of the association: dates (expiry) are read in it. */
  timeZone: string;
  /** When the daily membership status run starts (HH:MM in timeZone), or `off`. */
  dailyRunTime: string;
  /** Encrypts the stored credential-signing key; derived from JWT_SECRET when unset. */
  issuerKeySecret?: string;
  /** The configuration pack loaded on the first start (while no profession is configured). */
  seedPack: SeedPackName;
  /** An ethics officer who is a member of the respondent's chapter is kept off the case. */
  ethicsRecuseSameChapter: boolean;
  /** Where mail goes; unset, messages are kept in the outbox for admins to read. */
  smtpUrl?: string;
  /** The longest the SMTP server may take to connect, greet or answer, each; then the message is tried later. */
  smtpTimeoutMs: number;
  mailFrom: string;
  /** Whether this process runs jobs (mail delivery, the daily passes); an API-only replica says no. */
  jobRunner: boolean;
}

export interface DatabaseTimeouts {
  statementMs: number;
  lockMs: number;
  poolWaitMs: number;
  /** All of a request's waits together, counted from when its body has arrived (database/request-deadline.ts). */
  requestMs: number;
  /** Statements and locks of jobs that read or write much at once: imports, reports, the daily run. */
  jobMs: number;
}

/** Settings once the database and the signing secret are known (see main.ts). */
export type RuntimeSettings = Settings & { databaseUrl: string; jwtSecret: string };

export class InvalidSettingError extends Error {}

/** Reads and checks the environment; the first bad setting stops start-up with one line naming it. */
export function loadSettings(env: NodeJS.ProcessEnv): Settings {
  const known = Object.keys(new EnvironmentVariables());
  const given = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.includes(key) && value !== ''),
  );
  const vars = plainToInstance(EnvironmentVariables, given);
  const [error] = validateSync(vars, { skipMissingProperties: false });
  if (error) {
    // Constraints come in reverse order of declaration; the type check is declared first.
    const reason = Object.values(error.constraints ?? {}).at(-1) ?? 'is invalid';
    throw new InvalidSettingError(
      `Invalid setting ${error.property}: ${reason.replace(`${error.property} `, '')}`,
    );
  }
  if (vars.DATABASE_URL && !vars.JWT_SECRET) {
    throw new InvalidSettingError(
      'Missing setting JWT_SECRET: required (at least 32 characters) when DATABASE_URL is set',
    );
  }
  return {
    nodeEnv: vars.NODE_ENV,
    port: vars.PORT,
    host: vars.HOST,
    databaseUrl: vars.DATABASE_URL,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    databaseReadPoolSize:
      vars.DATABASE_READ_POOL_SIZE ??
      (vars.DATABASE_URL ? POOL_SIZE_FOR_A_SEPARATE_SERVER : poolSizeBesideDatabase()),
    databaseTimeouts: {
      statementMs: vars.DATABASE_STATEMENT_TIMEOUT_MS,
      lockMs: vars.DATABASE_LOCK_TIMEOUT_MS,
      poolWaitMs: vars.DATABASE_POOL_WAIT_MS,
      requestMs: vars.REQUEST_DEADLINE_MS,
      jobMs: vars.DATABASE_JOB_TIMEOUT_MS,
    },
    embeddedPgDir: vars.EMBEDDED_PG_DIR,
    embeddedPgPort: vars.EMBEDDED_PG_PORT,
    jwtSecret: vars.JWT_SECRET,
    accessTokenTtlSeconds: vars.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: vars.REFRESH_TOKEN_TTL_DAYS,
    adminEmail: vars.ADMIN_EMAIL,
    adminPassword: vars.ADMIN_PASSWORD,
    loginMaxFailures: vars.LOGIN_MAX_FAILURES,
    loginLockoutMinutes: vars.LOGIN_LOCKOUT_MINUTES,
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: vars.LOGIN_RATE_LIMIT_PER_MINUTE,
    logLevel: vars.LOG_LEVEL,
    trustProxy: vars.TRUST_PROXY,
    evidenceDir: vars.EVIDENCE_DIR,
    evidenceMaxBytes: vars.EVIDENCE_MAX_BYTES,
    timeZone: vars.TIMEZONE,
    dailyRunTime: vars.DAILY_RUN_TIME,
    issuerKeySecret: vars.ISSUER_KEY_SECRET,
    seedPack: vars.SEED_PACK,
    ethicsRecuseSameChapter: vars.ETHICS_RECUSE_SAME_CHAPTER,
    smtpUrl: vars.SMTP_URL,
    smtpTimeoutMs: vars.SMTP_TIMEOUT_MS,
    mailFrom: vars.MAIL_FROM,
    jobRunner: vars.JOB_RUNNER,
    associationName: vars.ASSOCIATION_NAME.trim(),
    publicBaseUrl: (vars.PUBLIC_BASE_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, ''),
  };
}
