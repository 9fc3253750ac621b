import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from 'src/auth/decorators/auth.decorator';
import { AppError } from 'src/common/errors/app-error';
import { problemTypeUri } from 'src/common/errors/problem-types';
import { PROBLEM_CATALOGUE, type ProblemCode } from 'src/problems/problem-catalogue';

class ProblemTypeResponse {
  @ApiProperty({ example: '/problems/validation-failed' }) type: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ example: 'The request has invalid fields' }) title: string;
}

const describe = (code: ProblemCode): ProblemTypeResponse => ({
  type: problemTypeUri(code),
  ...PROBLEM_CATALOGUE[code],
});

/** The catalogue behind every problem `type` URI, so clients can look a type up. */
@ApiTags('problems')
@Controller('problems')
@Public()
export class ProblemsController {
  @Get()
  @ApiOperation({ summary: 'Every problem type Guildhall answers with' })
  @ApiOkResponse({ type: [ProblemTypeResponse] })
  list(): ProblemTypeResponse[] {
    return (Object.keys(PROBLEM_CATALOGUE) as ProblemCode[]).map(describe);
  }

  @Get(':code')
  @ApiOperation({ summary: 'One problem type' })
  @ApiOkResponse({ type: ProblemTypeResponse })
  get(@Param('code') code: string): ProblemTypeResponse {
    if (!Object.hasOwn(PROBLEM_CATALOGUE, code))
      throw new AppError('not-found', `No problem type "${code}"`);
    return describe(code as ProblemCode);
  }
}
