import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issuedInOrder } from 'src/seed-packs/seed-packs.service';
import { SHIPPED_PACK_NAMES, shippedPack } from 'src/seed-packs/shipped-packs';

/** Every code a requirement tree names as a declared fact or an act of the association. */
function factCodes(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(factCodes);
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  return [
    ...(['declared', 'decided'] as const)
      .map((key) => record[key])
      .filter((code): code is string => typeof code === 'string'),
    ...Object.values(record).flatMap(factCodes),
  ];
}

describe('the shipped packs', () => {
  it.each(SHIPPED_PACK_NAMES)(
    'name the source of every rule of %s beside it, code by code',
    (name) => {
      const pack = shippedPack(name)!;
      const sources = readFileSync(join(__dirname, 'packs', name, 'SOURCES.md'), 'utf8');
      const codes = [
        ...(pack.professions ?? []).map((item) => item.code),
        ...(pack.degrees ?? []).map((item) => item.code),
        ...(pack.credentialTypes ?? []).map((item) => item.code),
        ...(pack.membershipCategories ?? []).map((item) => item.code),
        ...(pack.ethicsCodes ?? []).map((item) => item.version),
        ...(pack.sanctionTypes ?? []).map((item) => item.code),
        ...(pack.procedures ?? []).map((item) => item.version),
        ...(pack.cpdPolicies ?? []).map((item) => item.code),
        ...factCodes(pack.membershipCategories),
        ...factCodes(pack.credentialTypes),
      ];
      const unsourced = [...new Set(codes)].filter((code) => !sources.includes(`\`${code}\``));
      expect(unsourced).toEqual([]);
    },
  );
});

describe('the order a pack creates its credential types in', () => {
  it('puts each after the types of the pack its issue requirements name, else keeps the order', () => {
    const order = issuedInOrder([
      { code: 'IPM', issueRequirements: { credential: 'PENGALAMAN', heldForMonths: 84 } },
      { code: 'STRI', issueRequirements: { any: [{ credential: 'IPP' }, { credential: 'IPM' }] } },
      { code: 'IPP', issueRequirements: { credential: 'PENGALAMAN' } },
      { code: 'PENGALAMAN' },
      { code: 'OUTSIDE', issueRequirements: { credential: 'STR' } },
    ]);
    expect(order.map(([index, type]) => `${index}:${type.code}`)).toEqual([
      '3:PENGALAMAN',
      '0:IPM',
      '2:IPP',
      '1:STRI',
      '4:OUTSIDE',
    ]);
  });

  it('leaves a cycle in the pack order, for the type check to name', () => {
    const order = issuedInOrder([
      { code: 'A', issueRequirements: { credential: 'B' } },
      { code: 'B', issueRequirements: { credential: 'A' } },
    ]);
    expect(order.map(([, type]) => type.code)).toEqual(['A', 'B']);
  });
});
