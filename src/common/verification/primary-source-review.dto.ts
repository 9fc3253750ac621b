import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { trim } from 'src/common/validation/fields';
import {
  VERIFICATION_METHODS,
  type VerificationMethod,
} from 'src/common/verification/verification-methods';

export const REVIEW_DECISIONS = ['verified', 'rejected'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * A decision on a document checked against its primary source (a diploma, an outside licence):
 * verifying names where it was checked, rejecting says why.
 */
export class PrimarySourceReviewDto {
  @ApiProperty({ enum: REVIEW_DECISIONS })
  @IsIn(REVIEW_DECISIONS)
  readonly decision: ReviewDecision;
  @ApiProperty({ enum: VERIFICATION_METHODS })
  @IsIn(VERIFICATION_METHODS)
  readonly method: VerificationMethod;

  @ApiPropertyOptional({
    example: 'PDDikti record, checked 2026-11-20',
    description: 'Required when verified: where the document was checked',
  })
  @ValidateIf(
    (dto: PrimarySourceReviewDto) =>
      dto.decision === 'verified' || dto.sourceReference !== undefined,
  )
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  readonly sourceReference?: string;

  @ApiPropertyOptional({ description: 'Required when rejected: told to the person' })
  @ValidateIf(
    (dto: PrimarySourceReviewDto) => dto.decision === 'rejected' || dto.reason !== undefined,
  )
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  readonly reason?: string;
}
