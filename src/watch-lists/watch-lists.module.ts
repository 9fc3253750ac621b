import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CredentialsModule } from 'src/credentials/credentials.module';
import { WatchEntry } from 'src/watch-lists/entities/watch-entry.entity';
import { WatchList } from 'src/watch-lists/entities/watch-list.entity';
import { WebhookDelivery } from 'src/watch-lists/entities/webhook-delivery.entity';
import { WebhookDispatchCursor } from 'src/watch-lists/entities/webhook-dispatch-cursor.entity';
import { WebhookEndpoint } from 'src/watch-lists/entities/webhook-endpoint.entity';
import { WebhookEndpointsRepository } from 'src/watch-lists/webhook-endpoints.repository';
import { WebhookEndpointsService } from 'src/watch-lists/webhook-endpoints.service';
import { WatchListsController } from 'src/watch-lists/watch-lists.controller';
import { WatchListsRepository } from 'src/watch-lists/watch-lists.repository';
import { WatchListsService } from 'src/watch-lists/watch-lists.service';

/**
 * Watch lists: organisations enrol the credentials they rely on and are told what changes of
 * them, in order (polling now; signed webhooks are the next part).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      WatchList,
      WatchEntry,
      WebhookEndpoint,
      WebhookDelivery,
      WebhookDispatchCursor,
    ]),
    CredentialsModule,
  ],
  controllers: [WatchListsController],
  providers: [
    WatchListsService,
    WatchListsRepository,
    WebhookEndpointsService,
    WebhookEndpointsRepository,
  ],
})
export class WatchListsModule {}
