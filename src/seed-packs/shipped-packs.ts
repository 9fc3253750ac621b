import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { SeedPackName } from 'src/config/settings';
import { SeedPackDto } from 'src/seed-packs/dto/seed-pack.dto';
import idi from 'src/seed-packs/packs/idi/pack.json';
import peradi from 'src/seed-packs/packs/peradi/pack.json';
import pii from 'src/seed-packs/packs/pii/pack.json';

/** The packs in the repository, by the name SEED_PACK and POST /seed-packs/{name}/load take. */
const SHIPPED: Record<Exclude<SeedPackName, 'none'>, unknown> = { idi, peradi, pii };

/** A shipped pack, checked as an imported one is: a pack that does not validate stops start-up. */
export function shippedPack(name: string): SeedPackDto | undefined {
  if (!Object.hasOwn(SHIPPED, name)) return undefined;
  return packOf(SHIPPED[name as keyof typeof SHIPPED], `The shipped pack ${name}`);
}

/** A pack kept as JSON (shipped, or imported and stored), checked as POST /seed-packs checks one. */
export function packOf(json: unknown, what: string): SeedPackDto {
  const pack = plainToInstance(SeedPackDto, json);
  const errors = validateSync(pack, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new Error(`${what} does not validate: ${errors.join('; ')}`);
  return pack;
}

export const SHIPPED_PACK_NAMES = Object.keys(SHIPPED);
