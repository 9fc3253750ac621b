import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { CpdModule } from 'src/cpd/cpd.module';
import { MailModule } from 'src/mail/mail.module';
import { ProfessionsModule } from 'src/professions/professions.module';
import { ReminderSent } from 'src/reminders/entities/reminder-sent.entity';
import { ReminderStep } from 'src/reminders/entities/reminder-step.entity';
import { RemindersController } from 'src/reminders/reminders.controller';
import { RemindersRepository } from 'src/reminders/reminders.repository';
import { RemindersService } from 'src/reminders/reminders.service';

/**
 * Reminders by e-mail on a schedule in data: before a credential issued here or a membership
 * ends, on entering grace, after a lapse, and a CPD cycle short of its credits a year before it
 * ends. It reads credentials and memberships through their read models, the shortfalls through
 * the CPD compliance pass, and mails through the outbox.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ReminderStep, ReminderSent]),
    AuditModule,
    MailModule,
    CpdModule,
    ProfessionsModule,
  ],
  controllers: [RemindersController],
  providers: [RemindersRepository, RemindersService],
})
export class RemindersModule {}
