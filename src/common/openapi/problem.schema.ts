import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorResponse {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

/** RFC 9457 problem details, as every error leaves Guildhall (content type application/problem+json). */
export class ProblemResponse {
  @ApiProperty({ example: '/problems/validation-failed' }) type: string;
  @ApiProperty({ example: 'The request has invalid fields' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'Check these fields: email' }) detail: string;
  @ApiProperty({ example: '/people' }) instance: string;
  @ApiProperty({ example: '8f14e45f-ceea-467f-a8f4-0e1b2c3d4e5f' }) requestId: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse] }) errors?: FieldErrorResponse[];
}
