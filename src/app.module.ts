import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from 'src/audit/audit.module';
import { AccountsModule } from 'src/accounts/accounts.module';
import { AuthenticationGuard } from 'src/auth/guards/authentication.guard';
import { ChaptersModule } from 'src/chapters/chapters.module';
import { ProfessionsModule } from 'src/professions/professions.module';
import { CalendarModule } from 'src/common/calendar';
import { ProblemDetailsFilter } from 'src/common/errors/problem-details.filter';
import { CONSTRAINT_PROBLEMS } from 'src/problems/problem-catalogue';
import { ProblemsController } from 'src/problems/problems.controller';
import { loggerModuleOptions } from 'src/common/http/logging';
import { RateLimitGuard, throttlerOptions } from 'src/common/http/throttling';
import { validationPipe } from 'src/common/validation/validation';
import { UnreadableBodyInterceptor } from 'src/common/http/json-body';
import type { RuntimeSettings } from 'src/config/settings';
import { dataSourceOptions } from 'src/database/data-source-options';
import { EthicsModule } from 'src/ethics/ethics.module';
import { MembershipModule } from 'src/membership/membership.module';
import { AccessModule } from 'src/membership/access.module';
import { PeriodOwnerModule } from 'src/membership/period-owner.module';
import { CasesModule } from 'src/cases/cases.module';
import { CpdModule } from 'src/cpd/cpd.module';
import { StandingModule } from 'src/standing/standing.module';
import { RenewalsModule } from 'src/renewals/renewals.module';
import { LettersModule } from 'src/letters/letters.module';
import { VolunteeringModule } from 'src/volunteering/volunteering.module';
import { WatchListsModule } from 'src/watch-lists/watch-lists.module';
import { MailModule } from 'src/mail/mail.module';
import { RemindersModule } from 'src/reminders/reminders.module';
import { JobQueueModule } from 'src/database/job-queue';
import { CredentialsModule } from 'src/credentials/credentials.module';
import { TransactionsModule } from 'src/database/transactions';
import { DuesModule } from 'src/dues/dues.module';
import { EducationModule } from 'src/education/education.module';
import { EvidenceModule } from 'src/evidence/evidence.module';
import { HealthModule } from 'src/health/health.module';
import { PeopleModule } from 'src/people/people.module';
import { SeedPacksModule } from 'src/seed-packs/seed-packs.module';

@Module({})
export class AppModule {
  /** The whole application for given settings; main.ts and the tests build it the same way. */
  static forRoot(settings: RuntimeSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => settings] }),
        LoggerModule.forRoot(loggerModuleOptions(settings)),
        ThrottlerModule.forRoot(throttlerOptions(settings)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(
            settings.databaseUrl,
            settings.databasePoolSize,
            settings.databaseTimeouts,
          ),
          entities: [],
          migrations: [],
          autoLoadEntities: true,
        }),
        TransactionsModule,
        JobQueueModule,
        DuesModule,
        CalendarModule,
        HealthModule,
        AuditModule,
        AccountsModule,
        ChaptersModule,
        ProfessionsModule,
        PeopleModule,
        EvidenceModule,
        EducationModule,
        CredentialsModule,
        EthicsModule,
        MembershipModule,
        AccessModule,
        PeriodOwnerModule,
        SeedPacksModule,
        CasesModule,
        CpdModule,
        StandingModule,
        RenewalsModule,
        LettersModule,
        VolunteeringModule,
        WatchListsModule,
        MailModule,
        RemindersModule,
      ],
      controllers: [ProblemsController],
      providers: [
        { provide: APP_PIPE, useFactory: validationPipe },
        { provide: APP_INTERCEPTOR, useClass: UnreadableBodyInterceptor },
        {
          provide: APP_FILTER,
          useFactory: () => new ProblemDetailsFilter(CONSTRAINT_PROBLEMS),
        },
        // Order matters: rate limits are checked before credentials.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
      ],
    };
  }
}
