/** One final ethics sanction on a credential's holder, as the public answer shows it. */
export interface HolderSanctionRow {
  kind: 'suspension' | 'revocation' | 'reprimand' | 'remedial';
  name: string;
  from: string;
  until: string | null;
}

/**
 * The holder's final ethics sanctions that the association publishes, for the public answer.
 * Sanctions are kept where ethics cases are, which provides this; the public lookup only asks,
 * as a SQL expression over its holder id column, so the answer stays one query.
 */
export abstract class HolderSanctions {
  /** A JSON array of HolderSanctionRow for the person whose id is in `personIdColumn`. */
  abstract publicSanctionsOf(personIdColumn: string): string;
}
