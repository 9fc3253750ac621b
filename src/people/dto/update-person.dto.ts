import { PartialType } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { FullName } from 'src/common/validation/fields';
import { ContactDetailsDto, CreatePersonDto } from 'src/people/dto/create-person.dto';

/** Staff correction of a person record: absent fields stay, null clears an optional field. */
export class UpdatePersonDto extends PartialType(CreatePersonDto) {
  // A name can be corrected but never cleared.
  @ValidateIf((dto: UpdatePersonDto) => dto.fullName !== undefined)
  @FullName()
  override readonly fullName?: string;
}

/** What a person may change about themselves. */
export class UpdateContactDetailsDto extends ContactDetailsDto {}
