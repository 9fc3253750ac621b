/**
 * Paths that end in a credential number. Registers write numbers with slashes
 * (`123/PERADI/2026`), and a verifier types or scans them as they are printed, so the rest of such
 * a path is one number whether its slashes are written as `/` or as `%2F`.
 */
const NUMBER_PATH = /^(\/(?:public\/credentials|verify|verifications)\/)([^?#]+\/[^?#]*)(.*)$/;

/** Rewrites `/verify/123/PERADI/2026` to `/verify/123%2FPERADI%2F2026` before routing. */
export function keepNumbersWhole(url: string): string {
  const match = NUMBER_PATH.exec(url);
  if (!match) return url;
  const [, route, number, rest] = match;
  return `${route}${number.replaceAll('/', '%2F')}${rest}`;
}
