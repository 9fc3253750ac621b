import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Text, booleanWord } from 'src/common/validation/fields';
import { CreateCredentialTypeDto } from 'src/credentials/dto/credential-type.dto';
import { CreateDegreeDto } from 'src/education/dto/qualification.dto';
import { CreateCodeVersionDto } from 'src/ethics/dto/code.dto';
import { CreateProcedureDto, CreateSanctionTypeDto } from 'src/cases/dto/case.dto';
import { CreateCpdPolicyDto } from 'src/cpd/dto/cpd.dto';
import { CreateMembershipCategoryDto } from 'src/membership/dto/membership-category.dto';
import { CreateProfessionDto } from 'src/professions/dto/profession.dto';

const CODE = /^[A-Z][A-Z0-9_-]{0,39}$/;

/** A reference to something by its code: in the pack, or already configured here. */
const CodeOf = (what: string, example: string, required = false) =>
  applyDecorators(
    ...(required ? [] : [IsOptional()]),
    (required ? ApiProperty : ApiPropertyOptional)({
      example,
      description: `Code of a ${what}, in the pack or already here`,
    }),
    Matches(CODE, { message: `$property must be the code of a ${what}, such as ${example}` }),
  );

/** A credential type as POST /credential-types takes it, its profession named by code. */
export class PackCredentialType extends OmitType(CreateCredentialTypeDto, [
  'professionId',
] as const) {
  @CodeOf('profession', 'DOKTER') readonly profession?: string;
}

/** A membership category as POST /membership-categories takes it, with codes for its references. */
export class PackMembershipCategory extends OmitType(CreateMembershipCategoryDto, [
  'professionId',
  'cardCredentialTypeId',
] as const) {
  @CodeOf('profession', 'DOKTER') readonly profession?: string;
  @CodeOf('membership card credential type', 'KTPA') readonly cardCredentialType?: string;
}

/** A version of a profession's code of ethics as POST /ethics/codes takes it. */
export class PackCodeVersion extends OmitType(CreateCodeVersionDto, ['professionId'] as const) {
  @CodeOf('profession', 'DOKTER', true) readonly profession: string;
}

/** A sanction type as POST /cases/sanction-types takes it, its profession named by code. */
export class PackSanctionType extends OmitType(CreateSanctionTypeDto, ['professionId'] as const) {
  @CodeOf('profession', 'DOKTER') readonly profession?: string;
}

/** A version of the ethics procedure as POST /cases/procedures takes it. */
export class PackProcedure extends OmitType(CreateProcedureDto, ['professionId'] as const) {
  @CodeOf('profession', 'DOKTER') readonly profession?: string;
}

const List = (type: () => new () => object, most: number) =>
  applyDecorators(
    ApiPropertyOptional({ type: [type()] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(most),
    ValidateNested({ each: true }),
    Type(type),
  );

/**
 * A configuration pack: everything an association starts with, each part in the shape its own
 * admin route takes, references by code. Loading creates what is missing and keeps what is there.
 */
export class SeedPackDto {
  @ApiProperty({ example: 'peradi', description: 'Lower-case letters, digits and -' })
  @Matches(/^[a-z][a-z0-9-]{0,39}$/, {
    message: 'name must be 1-40 lower-case letters, digits or -, starting with a letter',
  })
  readonly name: string;

  @Text(2000, "The Indonesian advocates' association") readonly description: string;

  @List(() => CreateProfessionDto, 100)
  readonly professions?: CreateProfessionDto[];

  @List(() => CreateDegreeDto, 500)
  readonly degrees?: CreateDegreeDto[];

  @List(() => PackCredentialType, 500)
  readonly credentialTypes?: PackCredentialType[];

  @List(() => PackMembershipCategory, 500)
  readonly membershipCategories?: PackMembershipCategory[];

  @List(() => PackCodeVersion, 100)
  readonly ethicsCodes?: PackCodeVersion[];

  @List(() => PackSanctionType, 50)
  readonly sanctionTypes?: PackSanctionType[];

  @List(() => PackProcedure, 20)
  readonly procedures?: PackProcedure[];

  @List(() => CreateCpdPolicyDto, 50)
  readonly cpdPolicies?: CreateCpdPolicyDto[];
}

const PART_EXAMPLE = ['DOKTER'];

export class SeedPackParts {
  @ApiProperty({ type: [String], example: PART_EXAMPLE }) professions: string[];
  @ApiProperty({ type: [String], example: PART_EXAMPLE }) degrees: string[];
  @ApiProperty({ type: [String], example: ['SERKOM'] }) credentialTypes: string[];
  @ApiProperty({ type: [String], example: ['ORDINARY'] }) membershipCategories: string[];
  @ApiProperty({ type: [String], example: ['DOKTER KODEKI-2012'] }) ethicsCodes: string[];
  @ApiProperty({ type: [String], example: ['SKORSING'] }) sanctionTypes: string[];
  @ApiProperty({ type: [String], example: ['PROSEDUR-2020'] }) procedures: string[];
  @ApiProperty({ type: [String], example: ['SKP_SIP 2024-01-01'] }) cpdPolicies: string[];
}

/** What a load did: what it created, and what was already here and was kept as it is. */
export class SeedPackLoadResponse {
  @ApiProperty({ example: 'idi' }) pack: string;
  @ApiProperty({ type: SeedPackParts }) created: SeedPackParts;
  @ApiProperty({
    type: SeedPackParts,
    description:
      'Already here by code, and corrected as the pack says: `CODE: field, field` (degrees, credential types, categories, sanction types)',
  })
  changed: SeedPackParts;
  @ApiProperty({ type: SeedPackParts, description: 'Already here by code: left as they are' })
  kept: SeedPackParts;
  @ApiPropertyOptional({
    enum: [true],
    description: 'A dry run: what loading would do; nothing was loaded',
  })
  dryRun?: true;
}

export class LoadPackQuery {
  @ApiPropertyOptional({
    description: 'true: say what loading would create and keep, and load nothing',
  })
  @IsOptional()
  @Transform(booleanWord)
  @IsBoolean()
  readonly dryRun?: boolean;
}

export class ShippedSeedPackResponse {
  @ApiProperty({ example: 'idi' }) name: string;
  @ApiProperty({
    enum: ['shipped', 'imported'],
    description:
      'Shipped with Guildhall (`/seed-packs/shipped/{name}`), or imported here (`/seed-packs/imported/{name}`)',
  })
  source: 'shipped' | 'imported';
  @ApiProperty() description: string;
  @ApiProperty({ type: SeedPackParts, description: 'The codes it holds' }) holds: SeedPackParts;
  @ApiPropertyOptional({ description: 'An imported pack: when it was last loaded' })
  importedAt?: Date;
}
