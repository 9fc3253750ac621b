import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { requireAccount } from 'src/auth/access';
import { SelfOrStaff, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { IdempotencyKey, UuidParam } from 'src/common/validation/validation';
import {
  DuesSettingsResponse,
  InvoicePage,
  InvoiceResponse,
  InvoicesQuery,
  PaymentResponse,
  RecordPaymentDto,
  UpdateDuesSettingsDto,
  WaiveInvoiceDto,
} from 'src/dues/dto/dues.dto';
import { DuesService } from 'src/dues/dues.service';

@ApiTags('membership')
@Controller()
export class InvoicesController {
  constructor(private readonly dues: DuesService) {}

  @Get('invoices')
  @SelfOrStaff('dues')
  @ApiOperation({ summary: 'Invoices: all for staff (filters), my own for members' })
  @ApiOkResponse({ type: InvoicePage })
  list(@CurrentActor() actor: Actor, @Query() query: InvoicesQuery) {
    return this.dues.list(actor, query);
  }

  @Get('invoices/settings')
  @Staff('dues')
  @ApiOperation({
    summary: "The dues desk's rules: days an invoice is due in, invoice and receipt number formats",
  })
  @ApiOkResponse({ type: DuesSettingsResponse })
  settings() {
    return this.dues.settings();
  }

  @Patch('invoices/settings')
  @Staff('configuration')
  @ApiOperation({
    summary:
      "Changes the dues desk's rules from now on (what was issued keeps its number and date)",
  })
  @ApiOkResponse({ type: DuesSettingsResponse })
  updateSettings(@CurrentActor() actor: Actor, @Body() dto: UpdateDuesSettingsDto) {
    return this.dues.updateSettings(actor, dto);
  }

  @Get('invoices/:id')
  @SelfOrStaff('dues')
  @ApiOperation({ summary: 'One invoice with its payments' })
  @ApiOkResponse({ type: InvoiceResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.dues.get(actor, id);
  }

  @Post('invoices/:id/payments')
  @Staff('dues')
  @ApiOperation({
    summary: 'Record a payment; a retry with the same Idempotency-Key never pays twice',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Any unique string (a UUID): a retried request returns the first payment',
  })
  @ApiCreatedResponse({
    type: PaymentResponse,
    description: 'Also for a replayed retry, marked by `Idempotent-Replayed: true`',
  })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Already paid or waived' })
  @ApiUnprocessableEntityResponse({
    type: ProblemResponse,
    description: 'More than is owed, or the key was used for another request',
  })
  async pay(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: RecordPaymentDto,
    @IdempotencyKey() idempotencyKey: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { payment, replayed } = await this.dues.recordPayment(
      requireAccount(actor),
      id,
      dto,
      idempotencyKey,
    );
    if (replayed) reply.header('idempotent-replayed', 'true');
    return payment;
  }

  @Post('invoices/:id/waiver')
  @Staff('dues')
  @ApiOperation({ summary: 'Waive what an invoice still owes, with a reason' })
  @ApiCreatedResponse({ type: InvoiceResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Already paid or waived' })
  waive(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: WaiveInvoiceDto,
  ) {
    return this.dues.waive(requireAccount(actor), id, dto);
  }

  @Get('payments/:id')
  @SelfOrStaff('dues')
  @ApiOperation({ summary: 'A receipt: one payment (its payer and staff)' })
  @ApiOkResponse({ type: PaymentResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  receipt(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.dues.getPayment(actor, id);
  }
}
