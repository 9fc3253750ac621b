import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import { OrganisationKey, SelfOrStaff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { CsvStreamBody } from 'src/common/http/csv-body';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import {
  CreateWatchListDto,
  RosterNumbersDto,
  WatchRosterResponse,
  WatchEntriesQuery,
  WatchEntryPage,
  WatchEntryResponse,
  WatchEventPage,
  WatchEventsQuery,
  WatcherResponse,
  WatchListResponse,
  WatchNumberDto,
  CreateWebhookEndpointDto,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookSecretResponse,
  WebhookTestResponse,
} from 'src/watch-lists/dto/watch-list.dto';
import { WebhookEndpointsService } from 'src/watch-lists/webhook-endpoints.service';
import { RosterNumbersPipe } from 'src/watch-lists/roster-numbers.pipe';
import { WatchListsService, type RosterRow } from 'src/watch-lists/watch-lists.service';

@ApiTags('watch lists')
@Controller()
export class WatchListsController {
  constructor(
    private readonly watchLists: WatchListsService,
    private readonly endpoints: WebhookEndpointsService,
  ) {}

  @Post('watch-lists')
  @OrganisationKey()
  @ApiOperation({
    summary: 'A list of credentials to watch, with the purpose the holders are shown',
  })
  @ApiCreatedResponse({ type: WatchListResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWatchListDto) {
    return this.watchLists.create(actor, dto);
  }

  @Get('watch-lists')
  @OrganisationKey()
  @ApiOperation({ summary: "The organisation's watch lists, each with how many it watches" })
  @ApiOkResponse({ type: [WatchListResponse] })
  lists(@CurrentActor() actor: Actor) {
    return this.watchLists.lists(actor);
  }

  @Post('watch-lists/:id/entries')
  @OrganisationKey()
  @ApiOperation({ summary: 'Watch one credential by its number; sent again, nothing changes' })
  @ApiCreatedResponse({ type: WatchEntryResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'No credential a verifier can see' })
  watch(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: WatchNumberDto,
  ) {
    return this.watchLists.watch(actor, id, dto.number);
  }

  @Get('watch-lists/:id/entries')
  @OrganisationKey()
  @ApiOperation({ summary: 'What the list watches, each with what a verifier is told today' })
  @ApiOkResponse({ type: WatchEntryPage })
  entries(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Query() query: WatchEntriesQuery,
  ) {
    return this.watchLists.entries(actor, id, query.after, query.limit);
  }

  @Delete('watch-lists/:id/entries/:number')
  @OrganisationKey()
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop watching a credential' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemResponse })
  async unwatch(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Param('number') number: string,
  ): Promise<void> {
    await this.watchLists.unwatch(actor, id, number);
  }

  @Post('watch-lists/:id/roster')
  @OrganisationKey()
  @CsvStreamBody()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Watch a roster of up to 100,000 numbers (JSON, or CSV read as it arrives), whole or not at all; unknown numbers are named by row',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ type: RosterNumbersDto })
  @ApiOkResponse({ type: WatchRosterResponse })
  roster(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    // The union keeps the global validation off: RosterNumbersPipe reads JSON or CSV, then checks it.
    @Body(RosterNumbersPipe) rows: RosterRow[] | Readable,
  ) {
    return this.watchLists.enrolRoster(actor, id, rows as RosterRow[]);
  }

  @Get('watch-lists/:id/events')
  @OrganisationKey()
  @ApiOperation({
    summary:
      "What changed of the list's credentials after a cursor, in order: for organisations that cannot receive webhooks",
  })
  @ApiOkResponse({ type: WatchEventPage })
  events(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Query() query: WatchEventsQuery,
  ) {
    return this.watchLists.events(actor, id, query.after, query.limit);
  }

  @Post('webhook-endpoints')
  @OrganisationKey()
  @ApiOperation({
    summary:
      'Register a webhook endpoint (HTTPS); its signing secret is answered once (Standard Webhooks)',
  })
  @ApiCreatedResponse({ type: WebhookSecretResponse })
  createEndpoint(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookEndpointDto) {
    return this.endpoints.create(actor, dto);
  }

  @Get('webhook-endpoints')
  @OrganisationKey()
  @ApiOperation({ summary: "The organisation's webhook endpoints (never their secrets)" })
  @ApiOkResponse({ type: [WebhookEndpointResponse] })
  listEndpoints(@CurrentActor() actor: Actor) {
    return this.endpoints.list(actor);
  }

  @Post('webhook-endpoints/:id/secret-rotations')
  @OrganisationKey()
  @ApiOperation({
    summary: 'A new signing secret; the one it replaces still signs beside it for a day',
  })
  @ApiCreatedResponse({ type: WebhookSecretResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  rotateSecret(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.endpoints.rotate(actor, id);
  }

  @Post('webhook-endpoints/:id/tests')
  @OrganisationKey()
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a test message to the endpoint, delivered as every other' })
  @ApiAcceptedResponse({ type: WebhookTestResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  testEndpoint(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.endpoints.test(actor, id);
  }

  @Get('webhook-endpoints/:id/deliveries')
  @OrganisationKey()
  @ApiOperation({ summary: "The endpoint's latest deliveries, each with its last attempt" })
  @ApiOkResponse({ type: [WebhookDeliveryResponse] })
  @ApiNotFoundResponse({ type: ProblemResponse })
  endpointDeliveries(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.endpoints.deliveries(actor, id);
  }

  @Get('credentials/:id/watchers')
  @SelfOrStaff('credentials')
  @ApiOperation({
    summary:
      'Who watches me: the organisations watching this credential, each with its stated purpose (holder and staff)',
  })
  @ApiOkResponse({ type: [WatcherResponse] })
  watchers(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.watchLists.watchers(actor, id);
  }
}
