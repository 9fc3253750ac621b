import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxMessage } from 'src/mail/entities/outbox-message.entity';
import { MailController } from 'src/mail/mail.controller';
import { MailRepository } from 'src/mail/mail.repository';
import { MailPort } from 'src/mail/mail.port';
import { MailService } from 'src/mail/mail.service';

/** Mail through an outbox and a job that sends it (nodemailer over SMTP_URL), or keeps it. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  controllers: [MailController],
  providers: [MailRepository, MailService, MailPort],
  exports: [MailPort],
})
export class MailModule {}
