import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

/** Names are stored as given: one name is a whole name, in any script. */
export const FullName = () =>
  applyDecorators(
    ApiProperty({ example: 'Siti Rahayu', maxLength: 300 }),
    Transform(trim),
    IsString(),
    IsNotEmpty(),
    MaxLength(300),
  );

/** A required, trimmed, non-empty line of text. */
export const Text = (maxLength: number, example: string) =>
  applyDecorators(
    ApiProperty({ example, maxLength }),
    Transform(trim),
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
  );
