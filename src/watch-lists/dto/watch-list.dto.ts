import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PublicCredentialResponse } from 'src/credentials/dto/public-credential.dto';
import { Text } from 'src/common/validation/fields';

/** How many a page holds: 100 unless asked, 1,000 at most. */
const PageLimit = () =>
  applyDecorators(
    ApiPropertyOptional({ example: 100, default: 100 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(1000),
  );

/** The most numbers one roster enrols. */
export const ROSTER_MAX = 100_000;

export class CreateWatchListDto {
  @Text(200, 'Staff of RS Hasan Sadikin') readonly name: string;

  @Text(2_000, 'Credentialing of the medical staff we employ')
  readonly purpose: string;
}

export class WatchListResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RS Hasan Sadikin' }) organisation: string;
  @ApiProperty() name: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ example: 1250 }) watching: number;
  @ApiProperty() createdAt: Date;
}

export class WatchNumberDto {
  @Text(100, 'SK-2026-000042') readonly number: string;
}

export class WatchEntryResponse {
  @ApiProperty({ example: 'SK-2026-000042' }) number: string;
  @ApiProperty() enrolledAt: Date;
  @ApiProperty({
    type: PublicCredentialResponse,
    description: 'What a verifier is told of it today',
  })
  credential: PublicCredentialResponse;
}

export class WatchEntryPage {
  @ApiProperty({ type: [WatchEntryResponse] }) items: WatchEntryResponse[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The next page: pass it as ?after=',
  })
  next: string | null;
}

export class WatchEntriesQuery {
  @ApiPropertyOptional({ description: 'The number the page before ended on' })
  @IsOptional()
  @IsString()
  readonly after?: string;

  @PageLimit() readonly limit?: number;
}

export class RosterNumbersDto {
  @ApiProperty({ type: [String], example: ['SK-2026-000042', 'STR-3121100220145678'] })
  @IsArray()
  @ArrayMaxSize(ROSTER_MAX)
  @IsString({ each: true })
  readonly numbers: string[];
}

export class UnknownRosterRow {
  @ApiProperty({ example: 'line 7', description: 'numbers[6] in JSON, line 7 in CSV' })
  row: string;
  @ApiProperty() number: string;
}

export class WatchRosterResponse {
  @ApiProperty({ description: 'Newly watched' }) enrolled: number;
  @ApiProperty({ description: 'Watched already: nothing changed' }) alreadyWatched: number;
  @ApiProperty({ type: [UnknownRosterRow], description: 'No credential a verifier can see' })
  unknown: UnknownRosterRow[];
}

export class WatchEventsQuery {
  @ApiPropertyOptional({
    example: '812:4051',
    description: 'The cursor the page before ended on (left out: from the start)',
  })
  @IsOptional()
  @Matches(/^\d{1,18}:\d{1,18}$/, { message: 'after must be a cursor given by a page before' })
  readonly after?: string;

  @PageLimit() readonly limit?: number;
}

export class WatchEventResponse {
  @ApiProperty({ example: '812:4051', description: 'Its place in the feed' }) cursor: string;
  @ApiProperty({ example: 'SK-2026-000042' }) number: string;
  @ApiProperty({
    enum: ['suspended', 'reinstated', 'revoked', 'renewed', 'superseded', 'ended', 'expired'],
    description: 'expired: kept by the daily pass the day after its last valid day',
  })
  event: string;
  @ApiProperty() occurredAt: Date;
}

export class WatchEventPage {
  @ApiProperty({ type: [WatchEventResponse] }) events: WatchEventResponse[];
  @ApiProperty({
    example: '812:4051',
    description: 'Ask again with ?after= this: the same cursor while nothing new has happened',
  })
  next: string;
}

export class WatcherResponse {
  @ApiProperty({ example: 'RS Hasan Sadikin' }) organisation: string;
  @ApiProperty() purpose: string;
  @ApiProperty() since: Date;
}

export class CreateWebhookEndpointDto {
  @ApiProperty({
    example: 'https://hr.example-hospital.id/guildhall-webhooks',
    description: 'HTTPS (plain HTTP only to this machine, outside production)',
  })
  @IsString()
  @MaxLength(2000)
  readonly url: string;
}

export class WebhookEndpointResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Until then, deliveries are also signed with the secret it replaced',
  })
  previousSecretUntil: Date | null;
  @ApiProperty() createdAt: Date;
}

export class WebhookSecretResponse extends WebhookEndpointResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Shown once: verify each delivery with it (Standard Webhooks)',
  })
  secret: string;
}

export class WebhookTestResponse {
  @ApiProperty({ example: 'msg_2b7d…', description: 'Its webhook-id' }) deliveryId: string;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ description: 'The webhook-id, the same on every attempt' }) id: string;
  @ApiProperty({ example: 'credential.suspended' }) eventType: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) lastStatusCode: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) lastDurationMs: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) deliveredAt: Date | null;
}
