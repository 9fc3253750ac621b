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

const invalidPart = (field: string, message: string) =>
  new AppError('validation-failed', `Check these fields: ${field}`, {
    errors: [{ field, message }],
  });

/**
 * Reads the one `file` field of a multipart/form-data body. Too large a file is a 413; any other
 * field or a second file is refused rather than dropped, and a body that is not valid multipart
 * (no boundary, cut short) is a 400.
 */
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
    let upload: Upload | undefined;
    try {
      for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 2 } })) {
        if (part.type !== 'file' || part.fieldname !== 'file')
          throw invalidPart(part.fieldname, 'is not a known field');
        if (upload) throw invalidPart('file', 'send one file per request');
        upload = { fileName: part.filename || 'upload', data: await part.toBuffer() };
      }
    } catch (error) {
      // Errors of the multipart plugin carry their status (413 for size); the parser's own do not.
      if (
        error instanceof AppError ||
        typeof (error as { statusCode?: unknown }).statusCode === 'number'
      )
        throw error;
      throw new AppError(
        'malformed-request',
        `The multipart body could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!upload) throw invalidPart('file', 'file is required');
    return upload;
  }
}

const RawRequest = createParamDecorator((_: unknown, context: ExecutionContext) =>
  context.switchToHttp().getRequest<FastifyRequest>(),
);

/** The uploaded file of a multipart request. */
export const UploadedFile = () => RawRequest(ReadUploadPipe);
