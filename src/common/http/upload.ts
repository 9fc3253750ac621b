import {
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type PipeTransform,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from 'src/common/errors/app-error';
import type { RuntimeSettings } from 'src/config/settings';

/** One uploaded file, read whole (uploads are capped at EVIDENCE_MAX_BYTES). */
export interface Upload {
  fileName: string;
  data: Buffer;
}

/** Reads the `file` field of a multipart/form-data body; too large a file is a 413. */
@Injectable()
export class ReadUploadPipe implements PipeTransform<FastifyRequest, Promise<Upload>> {
  constructor(private readonly config: ConfigService<RuntimeSettings, true>) {}

  async transform(request: FastifyRequest): Promise<Upload> {
    if (!request.isMultipart()) {
      throw new AppError(
        'unsupported-media-type',
        'Send the file as multipart/form-data in a field named "file"',
      );
    }
    const maxBytes = this.config.get('evidenceMaxBytes', { infer: true });
    const part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 0 } });
    if (!part || part.fieldname !== 'file') {
      throw new AppError('validation-failed', 'Check these fields: file', {
        errors: [{ field: 'file', message: 'file is required' }],
      });
    }
    const data = await part.toBuffer();
    return { fileName: part.filename || 'upload', data };
  }
}

const RawRequest = createParamDecorator((_: unknown, context: ExecutionContext) =>
  context.switchToHttp().getRequest<FastifyRequest>(),
);

/** The uploaded file of a multipart request. */
export const UploadedFile = () => RawRequest(ReadUploadPipe);
