import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { DuesRepository } from 'src/dues/dues.repository';
import { DuesPort } from 'src/dues/dues.port';
import { DuesService } from 'src/dues/dues.service';
import { DuesSequence } from 'src/dues/entities/dues-sequence.entity';
import { DuesSettings } from 'src/dues/entities/dues-settings.entity';
import { Invoice } from 'src/dues/entities/invoice.entity';
import { Payment } from 'src/dues/entities/payment.entity';
import { InvoicesController } from 'src/dues/invoices.controller';

/**
 * What a person owes the association and what they paid: invoices (application fees, dues of a
 * period), payments with receipts, waivers, arrears. Membership owns the periods and is told
 * when their dues are settled; renewals will charge their fees here too.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Invoice, Payment, DuesSequence, DuesSettings]), AuditModule],
  controllers: [InvoicesController],
  providers: [DuesRepository, DuesService, DuesPort],
  exports: [DuesPort],
})
export class DuesModule {}
