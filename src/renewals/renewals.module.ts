import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { CredentialsModule } from 'src/credentials/credentials.module';
import { MembershipModule } from 'src/membership/membership.module';
import { RenewalRequest } from 'src/renewals/entities/renewal-request.entity';
import { RenewalsController } from 'src/renewals/renewals.controller';
import { RenewalsRepository } from 'src/renewals/renewals.repository';
import { RenewalsService } from 'src/renewals/renewals.service';
import { StandingModule } from 'src/standing/standing.module';

/**
 * Renewals of credentials issued here and of memberships, decided on the person's standing. It
 * sits above standing, which it reads, and issues the next period through the module that owns
 * the credential or membership.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([RenewalRequest]),
    AuditModule,
    CredentialsModule,
    MembershipModule,
    StandingModule,
  ],
  controllers: [RenewalsController],
  providers: [RenewalsRepository, RenewalsService],
  exports: [RenewalsService],
})
export class RenewalsModule {}
