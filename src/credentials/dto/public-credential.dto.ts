import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { trim } from 'src/common/validation/fields';
import { CREDENTIAL_STATUSES, type CredentialStatus } from 'src/credentials/credential-rules';

export class PublicSanction {
  @ApiProperty({ enum: ['suspension', 'revocation'] }) kind: 'suspension' | 'revocation';
  @ApiProperty({ example: '2026-01-10' }) from: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2026-07-09',
    description:
      'When it ended or ends: the day a suspension was lifted, else its announced last day; null while open-ended',
  })
  until: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2026-12-31',
    description:
      'Only where a suspension was lifted on another day than announced: the last day first announced (null: open-ended)',
  })
  announcedUntil?: string | null;
}

/** A final ethics sanction on the holder that the association publishes. */
export class PublicHolderSanction {
  @ApiProperty({ enum: ['suspension', 'revocation', 'reprimand', 'remedial'] }) kind:
    'suspension' | 'revocation' | 'reprimand' | 'remedial';
  @ApiProperty({ example: 'Pemberhentian sementara (suspension)' }) name: string;
  @ApiProperty({ example: '2026-01-10', description: 'The day it took effect' }) from: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2026-07-09',
    description: "A suspension's last day; null for the others",
  })
  until: string | null;
}

export class PublicCredentialType {
  @ApiProperty({ example: 'SERKOM' }) code: string;
  @ApiProperty({ example: 'Sertifikat Kompetensi' }) name: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Dokter' }) profession:
    string | null;
}

/** The whole public answer: nothing here identifies a person beyond the name on the credential. */
export class PublicCredentialResponse {
  @ApiProperty({ example: 'SK-2026-000042' }) number: string;
  @ApiProperty({ enum: CREDENTIAL_STATUSES, description: 'As of today' }) status: CredentialStatus;
  @ApiProperty({ example: 'Valid' }) statusText: string;
  @ApiProperty({ example: 'Siti Rahayu' }) holderName: string;
  @ApiProperty({ type: PublicCredentialType }) credentialType: PublicCredentialType;
  @ApiProperty({ example: 'Kolegium Dokter Indonesia' }) issuingAuthority: string;
  @ApiProperty({ example: '2026-11-22' }) validFrom: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2031-11-21',
    description: 'Null: valid for life',
  })
  validUntil: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'IPM-2027-000003',
    description:
      'Only on a superseded credential: the number of the one that replaced it (null where that one is not public)',
  })
  supersededBy?: string | null;
  @ApiProperty({
    type: [PublicSanction],
    description: 'Suspensions and revocations of this credential',
  })
  sanctions: PublicSanction[];
  @ApiProperty({
    type: [PublicHolderSanction],
    description:
      "The association's final ethics sanctions on the holder that it publishes, with their dates. An outside credential (a registration or practice permit) is not the association's to suspend: this is where its verifier learns of a suspension or revocation.",
  })
  holderSanctions: PublicHolderSanction[];
}

export class PublicCredentialSearch {
  @ApiProperty({
    example: 'siti rahayu',
    description: 'At least 3 characters; case and accents are ignored',
  })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(100)
  readonly name: string;

  @ApiPropertyOptional({ example: 'Dokter' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  readonly profession?: string;

  @ApiPropertyOptional({ example: 'JKT', description: 'Chapter code' })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,19}$/, { message: 'chapter must be a chapter code' })
  readonly chapter?: string;
}

export class PublicCredentialSearchResult {
  @ApiProperty({ type: [PublicCredentialResponse] }) items: PublicCredentialResponse[];
  @ApiProperty({ example: 20, description: 'At most this many; narrow the search to see others' })
  limit: number;
}
