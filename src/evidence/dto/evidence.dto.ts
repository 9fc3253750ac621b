import { applyDecorators, Header } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiProperty,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import {
  EVIDENCE_SUBJECTS,
  type EvidenceSubject,
} from 'src/evidence/entities/evidence-document.entity';
import { EVIDENCE_MEDIA_TYPES, type EvidenceMediaType } from 'src/evidence/media-types';

export class EvidenceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EVIDENCE_SUBJECTS }) subjectType: EvidenceSubject;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'ijazah.pdf' }) fileName: string;
  @ApiProperty({ enum: EVIDENCE_MEDIA_TYPES, description: 'Read from the content, not the name' })
  mediaType: EvidenceMediaType;
  @ApiProperty({ example: 182311 }) sizeBytes: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256: string;
  @ApiProperty({ example: '/evidence/5b0c7a1e-1b7e-4a1c-9d3c-3f1f7e0e2a10/content' })
  downloadUrl: string;
  @ApiProperty() uploadedAt: Date;
}

/** The OpenAPI shape of an upload: multipart/form-data with one `file` field. */
export class EvidenceUploadBody {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, JPEG or PNG' }) file: unknown;
}

/** The OpenAPI of a route that takes one evidence file: multipart in, the stored document out. */
export const TakesEvidenceFile = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ type: EvidenceUploadBody }),
    ApiCreatedResponse({ type: EvidenceResponse }),
    ApiPayloadTooLargeResponse({ type: ProblemResponse }),
    ApiUnsupportedMediaTypeResponse({
      type: ProblemResponse,
      description: 'Not a PDF, JPEG or PNG',
    }),
  );

/**
 * The OpenAPI and headers of a route that serves an evidence file: a download the browser must
 * not sniff or keep.
 */
export const ServesEvidenceFile = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary }),
    Header('x-content-type-options', 'nosniff'),
    Header('cache-control', 'private, no-store'),
    ApiProduces('application/pdf', 'image/jpeg', 'image/png'),
    ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } }),
    ApiNotFoundResponse({ type: ProblemResponse }),
  );
