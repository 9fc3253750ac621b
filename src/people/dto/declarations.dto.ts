import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { CalendarDate, Text } from 'src/common/validation/fields';
import {
  DECLARATION_OUTCOMES,
  type DeclarationOutcome,
} from 'src/people/entities/person-declaration.entity';

const CODE = /^[A-Z][A-Z0-9_-]{0,39}$/;
const Code = (example: string, description: string) =>
  applyDecorators(
    ApiProperty({ example, description }),
    Matches(CODE, { message: 'code must be 1-40 upper-case letters, digits, _ or -' }),
  );

export class DeclareDto {
  @Code('NOT_CIVIL_SERVANT', 'What is declared, as requirements name it')
  readonly code: string;

  @Text(5_000, 'I am not a civil servant nor an official of the state') readonly statement: string;

  @Text(2_000, 'Signed statement on stamped paper, 2026-11-20; BKN register consulted')
  readonly evidence: string;
}

export class CheckDeclarationDto {
  @ApiProperty({ enum: DECLARATION_OUTCOMES })
  @IsIn(DECLARATION_OUTCOMES)
  readonly outcome: DeclarationOutcome;

  @Text(2_000, 'BKN civil servant register searched by national ID: no entry')
  readonly method: string;
}

export class RecordActDto {
  @Code('APPOINTMENT', "The act, as requirements name it (an advocate's appointment)")
  readonly code: string;

  @ApiProperty({ example: '2026-11-02' })
  @CalendarDate({ notInFuture: true })
  readonly decidedOn: string;

  @Text(200, 'SK DPN PERADI No. 123/PENG/2026') readonly reference: string;

  @Text(5_000, 'Appointed an advocate by the national council') readonly text: string;
}

export class DeclarationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'NOT_CIVIL_SERVANT' }) code: string;
  @ApiProperty() statement: string;
  @ApiProperty() evidence: string;
  @ApiProperty() declaredOn: string;
  @ApiPropertyOptional({
    enum: DECLARATION_OUTCOMES,
    nullable: true,
    description: 'Not yet checked: null',
  })
  outcome: DeclarationOutcome | null;
  @ApiPropertyOptional({ type: String, nullable: true }) checkedOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  checkedByAccountId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) checkMethod: string | null;
}

export class AssociationActResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'APPOINTMENT' }) code: string;
  @ApiProperty() decidedOn: string;
  @ApiProperty() reference: string;
  @ApiProperty() text: string;
}
