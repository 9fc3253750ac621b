import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateBy } from 'class-validator';
import { PageOf, PageQuery } from 'src/common/paging';
import { CalendarDate, MinorUnits, Text } from 'src/common/validation/fields';
import { isValidDocumentFormat } from 'src/dues/dues-rules';
import {
  DUES_STATUSES,
  INVOICE_KINDS,
  PAYMENT_METHODS,
  type DuesStatus,
  type InvoiceKind,
  type PaymentMethod,
} from 'src/dues/dues-rules';

export class RecordPaymentDto {
  @MinorUnits('Amount received, in minor units', 1) readonly amountMinor: number;

  @ApiProperty({ example: 'IDR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as IDR' })
  readonly currency: string;

  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS)
  readonly method: PaymentMethod;

  @Text(100, 'BCA-20261122-0042') readonly reference: string;

  @ApiProperty({ example: '2026-11-22' })
  @CalendarDate({ notInFuture: true })
  readonly paidOn: string;
}

export class WaiveInvoiceDto {
  @Text(2000, 'Dues waived by the board for members affected by the flood')
  readonly reason: string;
}

export const OPEN = 'open';

export class InvoicesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; members see their own' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;

  @ApiPropertyOptional({ enum: [...DUES_STATUSES, OPEN], description: 'open: unpaid or part-paid' })
  @IsOptional()
  @IsIn([...DUES_STATUSES, OPEN])
  readonly status?: DuesStatus | typeof OPEN;

  @ApiPropertyOptional({ enum: INVOICE_KINDS })
  @IsOptional()
  @IsIn(INVOICE_KINDS)
  readonly kind?: InvoiceKind;
}

export class PaymentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RCP-2026-000042' }) receiptNumber: string;
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ example: 'INV-2026-000042' }) invoiceNumber: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 30000000 }) amountMinor: number;
  @ApiProperty({ example: 'IDR' }) currency: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) method: PaymentMethod;
  @ApiProperty() reference: string;
  @ApiProperty({ example: '2026-11-22' }) paidOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) recordedByAccountId: string | null;
  @ApiProperty() createdAt: Date;
}

export class InvoiceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'INV-2026-000042' }) number: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ enum: INVOICE_KINDS }) kind: InvoiceKind;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) applicationId:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) periodId: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ example: 30000000 }) amountMinor: number;
  @ApiProperty({ example: 0 }) paidMinor: number;
  @ApiProperty({ example: 30000000 }) outstandingMinor: number;
  @ApiProperty({ example: 'IDR' }) currency: string;
  @ApiProperty({ enum: DUES_STATUSES }) status: DuesStatus;
  @ApiProperty({ example: '2026-11-22' }) issuedOn: string;
  @ApiProperty({ example: '2026-12-22' }) dueOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) waivedReason: string | null;
  @ApiProperty({ type: [PaymentResponse] }) payments: PaymentResponse[];
}

export class InvoicePage extends PageOf(InvoiceResponse) {}

export class ArrearsResponse {
  @ApiProperty({ description: 'Open invoices (unpaid or part-paid)' }) openInvoices: number;
  @ApiProperty({ example: 30000000 }) outstandingMinor: number;
  @ApiPropertyOptional({ type: String, example: 'IDR', nullable: true }) currency: string | null;
}

/** An invoice or receipt number format the desk can number by (see `isValidDocumentFormat`). */
const DocumentFormat = () =>
  ValidateBy({
    name: 'documentFormat',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && value.length <= 60 && isValidDocumentFormat(value),
      defaultMessage: (args) =>
        `${args?.property} must be literal text (letters, digits, / . - and spaces) with {YYYY} or {YY} and one {SEQ:n}, at most 60 characters`,
    },
  });

export class UpdateDuesSettingsDto {
  @ApiPropertyOptional({
    example: 30,
    minimum: 0,
    maximum: 365,
    description: 'Days an invoice is due in',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  readonly invoiceDueDays?: number;

  @ApiPropertyOptional({ example: 'INV-{YYYY}-{SEQ:6}' })
  @IsOptional()
  @DocumentFormat()
  readonly invoiceNumberFormat?: string;

  @ApiPropertyOptional({ example: '{SEQ:5}/KWT/{YY}' })
  @IsOptional()
  @DocumentFormat()
  readonly receiptNumberFormat?: string;
}

export class DuesSettingsResponse {
  @ApiProperty({ example: 30 }) invoiceDueDays: number;
  @ApiProperty({ example: 'INV-{YYYY}-{SEQ:6}' }) invoiceNumberFormat: string;
  @ApiProperty({ example: 'RCP-{YYYY}-{SEQ:6}' }) receiptNumberFormat: string;
}
