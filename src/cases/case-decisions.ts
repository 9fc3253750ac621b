import type { DecidedSanctionDto, MoveCaseDto } from 'src/cases/dto/case.dto';
import type { SanctionType } from 'src/cases/entities/sanction-type.entity';
import { AppError } from 'src/common/errors/app-error';

/**
 * Sanctions come with a decision, or with an appeal's decision that changes the first; an
 * appeal's decision says what it does (confirmed, changed, quashed).
 */
export function requireDecisionShape(dto: MoveCaseDto): void {
  const errors: { field: string; message: string }[] = [];
  const appealDecided = dto.to === 'appeal_decided';
  if (appealDecided && !dto.outcome) {
    errors.push({ field: 'outcome', message: "outcome is required with the appeal's decision" });
  }
  if (!appealDecided && dto.outcome) {
    errors.push({ field: 'outcome', message: "outcome comes with the appeal's decision only" });
  }
  const imposes = dto.to === 'decided' || (appealDecided && dto.outcome === 'changed');
  if (dto.sanctions?.length && !imposes) {
    errors.push({
      field: 'sanctions',
      message: 'sanctions are imposed by a decision, or by an appeal that changes it',
    });
  }
  if (appealDecided && dto.outcome === 'changed' && !dto.sanctions?.length) {
    errors.push({
      field: 'sanctions',
      message: 'an appeal that changes the decision names the sanctions that replace it',
    });
  }
  if (errors.length) {
    throw new AppError(
      'validation-failed',
      `Check these fields: ${[...new Set(errors.map((e) => e.field))].join(', ')}`,
      { errors },
    );
  }
}

/** What is wrong with one sanction of a decision, given its type. */
export function sanctionErrors(
  sanction: DecidedSanctionDto,
  type: SanctionType | undefined,
  path: string,
): { field: string; message: string }[] {
  if (!type || !type.active) {
    return [
      {
        field: `${path}.type`,
        message: `${path}.type: no sanction type ${sanction.type} is in use`,
      },
    ];
  }
  if (type.effect === 'suspension') {
    const months = sanction.months;
    return months !== undefined && months >= type.minMonths! && months <= type.maxMonths!
      ? []
      : [
          {
            field: `${path}.months`,
            message: `${path}.months: ${type.code} runs ${type.minMonths} to ${type.maxMonths} months`,
          },
        ];
  }
  if (type.effect === 'remedial') {
    return sanction.credits !== undefined && sanction.dueOn !== undefined
      ? []
      : [
          {
            field: `${path}.credits`,
            message: `${path}: remedial training names the credits and the day they are due (dueOn)`,
          },
        ];
  }
  return sanction.months === undefined && sanction.credits === undefined
    ? []
    : [{ field: path, message: `${path}: ${type.code} takes neither months nor credits` }];
}
