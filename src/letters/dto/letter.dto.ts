import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageOf, PageQuery } from 'src/common/paging';
import { Text } from 'src/common/validation/fields';

export class IssueLetterDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; members ask for their own' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;

  @Text(500, 'Practice permit (SIP) at RSUD Kupang') readonly purpose: string;
}

export class LettersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; members see their own' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;
}

export class LetterResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'REK-2026-00042' }) number: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ example: '2026-12-03' }) issuedOn: string;
  @ApiProperty({ example: '2027-03-02' }) validUntil: string;
  @ApiProperty({ description: 'The public page the QR code on the PDF opens' }) verifyUrl: string;
}

export class LetterPage extends PageOf(LetterResponse) {}
