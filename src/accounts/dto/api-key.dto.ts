import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { trim } from 'src/common/validation/fields';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'HR onboarding checks' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  readonly name: string;

  @ApiProperty({ example: 'RS Harapan Kita' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly organisation: string;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() organisation: string;
  @ApiProperty({
    example: 'gh_3f9a1c2b7d4e',
    description: 'Public start of the key, to tell keys apart',
  })
  prefix: string;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  lastUsedAt: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  revokedAt: Date | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The key itself. Shown once: Guildhall keeps only its hash.' })
  key: string;
}
