import type { PolicyRow } from 'src/cpd/cpd.read-model';
import { CpdError } from 'src/cpd/cpd.errors';

/**
 * The versions of the policy a report or an audit names: its code, of the profession named. Left
 * out, the profession is the only one with a policy of that code; where several have one, the
 * caller is asked to name it rather than be given two policies as one.
 */
export function seriesNamed(
  policies: PolicyRow[],
  code: string,
  profession: string | undefined,
): PolicyRow[] {
  const versions = policies.filter(
    (policy) =>
      policy.code === code && (profession === undefined || policy.professionCode === profession),
  );
  const professions = new Set(versions.map((policy) => policy.professionCode));
  if (professions.size > 1) {
    throw new CpdError(
      'cpd-policy-ambiguous',
      `Several professions have a CPD policy ${code} (${[...professions]
        .map((one) => one ?? 'none')
        .join(', ')}): name one with ?profession=`,
      { errors: [{ field: 'profession', message: `name the profession whose ${code} is meant` }] },
    );
  }
  return versions;
}
