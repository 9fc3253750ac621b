import { ownOrShared } from 'src/common/profession-scope';
import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { Calendar } from 'src/common/calendar';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { SYSTEM_ACTOR, type Actor } from 'src/auth/principal';
import { notFound, ProblemError, type FieldError } from 'src/common/errors/app-error';
import type { SeedPackName } from 'src/config/settings';
import { CredentialTypesService } from 'src/credentials/credential-types.service';
import { Transactions } from 'src/database/transactions';
import { QualificationsService } from 'src/education/qualifications.service';
import { EthicsService } from 'src/ethics/ethics.service';
import { CaseConfigurationService } from 'src/cases/case-configuration.service';
import { MembershipCategoriesService } from 'src/membership/membership-categories.service';
import { ProfessionsService } from 'src/professions/professions.service';
import { ProfessionsPort } from 'src/professions/professions.port';
import type {
  SeedPackDto,
  SeedPackLoadResponse,
  SeedPackParts,
  ShippedSeedPackResponse,
} from 'src/seed-packs/dto/seed-pack.dto';
import { CpdService } from 'src/cpd/cpd.service';
import { SeedPacksError } from 'src/seed-packs/seed-packs.errors';
import { SeedPacksRepository } from 'src/seed-packs/seed-packs.repository';
import { packOf, shippedPack, SHIPPED_PACK_NAMES } from 'src/seed-packs/shipped-packs';
import { credentialCodesOf, type Requirement } from 'src/requirements/requirement-rules';

const noParts = (): SeedPackParts => ({
  professions: [],
  degrees: [],
  credentialTypes: [],
  membershipCategories: [],
  ethicsCodes: [],
  sanctionTypes: [],
  procedures: [],
  cpdPolicies: [],
});

const policyLabel = (policy: { code: string; effectiveFrom: string }) =>
  `${policy.code} ${policy.effectiveFrom}`;

const codeVersionLabel = (profession: string, version: string) => `${profession} ${version}`;

/**
 * Configuration packs: what an association starts with (professions, degrees, credential types,
 * membership categories, codes of ethics), loaded through each module's own use cases so a pack
 * is checked exactly as the admin API checks the same parts. A pack loads whole or not at all;
 * what is already here by code is kept as it is, so loading again creates nothing.
 */
/**
 * The pack's credential types with their index, each after the types of the pack its issue
 * requirements name: an exported pack lists them by code (IPM before PENGALAMAN_INSINYUR), and a
 * pack is loaded whatever order its author wrote. A cycle is left in the pack's order, for the
 * type's own check to name what it misses.
 */
export function issuedInOrder<T extends { code: string; issueRequirements?: Requirement | null }>(
  types: T[],
): [number, T][] {
  const pending = [...types.entries()];
  const inPack = new Set(types.map((type) => type.code));
  const placed = new Set<string>();
  const ordered: [number, T][] = [];
  while (pending.length) {
    const next = pending.findIndex(([, type]) =>
      (type.issueRequirements ? credentialCodesOf(type.issueRequirements) : []).every(
        (code) => !inPack.has(code) || placed.has(code) || code === type.code,
      ),
    );
    const [entry] = pending.splice(next === -1 ? 0 : next, 1);
    placed.add(entry[1].code);
    ordered.push(entry);
  }
  return ordered;
}

@Injectable()
export class SeedPacksService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: SeedPacksRepository,
    private readonly audit: AuditService,
    private readonly professions: ProfessionsService,
    private readonly professionsPort: ProfessionsPort,
    private readonly qualifications: QualificationsService,
    private readonly credentialTypes: CredentialTypesService,
    private readonly categories: MembershipCategoriesService,
    private readonly ethics: EthicsService,
    private readonly caseConfiguration: CaseConfigurationService,
    private readonly cpd: CpdService,
    private readonly calendar: Calendar,
  ) {}

  /** The packs shipped with Guildhall, then those imported here, with the codes each holds. */
  async list(): Promise<ShippedSeedPackResponse[]> {
    const shipped = SHIPPED_PACK_NAMES.map((name) => {
      const pack = shippedPack(name)!;
      return {
        name,
        source: 'shipped' as const,
        description: pack.description,
        holds: partsOf(pack),
      };
    });
    const imported = (await this.repository.importedPacks(this.transactions.reader)).map(
      (kept) => ({
        name: kept.name,
        source: 'imported' as const,
        description: kept.description,
        holds: partsOf(packOf(kept.pack, `The imported pack ${kept.name}`)),
        importedAt: kept.importedAt,
      }),
    );
    return [...shipped, ...imported];
  }

  /** A pack whole, as shipped or as last imported here: what was loaded, to read or to correct. */
  async pack(source: 'shipped' | 'imported', name: string): Promise<SeedPackDto> {
    const pack = source === 'shipped' ? shippedPack(name) : await this.importedPackNamed(name);
    if (!pack) throw notFound('Configuration pack', name);
    return pack;
  }

  /** Loads an imported pack again, as last imported: what was corrected here since goes back. */
  async loadImported(actor: Actor, name: string, dryRun = false): Promise<SeedPackLoadResponse> {
    const pack = await this.importedPackNamed(name);
    if (!pack) throw notFound('Configuration pack', name);
    return this.load(actor, pack, dryRun);
  }

  /** Imports a pack: loads it, and keeps it under its name for listing and loading again. */
  importPack(actor: Actor, pack: SeedPackDto, dryRun = false): Promise<SeedPackLoadResponse> {
    return this.load(actor, pack, dryRun, true);
  }

  private async importedPackNamed(name: string): Promise<SeedPackDto | undefined> {
    // Not a pack's name: none is kept under it (and the database need not be asked).
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(name)) return undefined;
    const kept = await this.repository.importedPack(this.transactions.reader, name);
    return kept ? packOf(kept.pack, `The imported pack ${name}`) : undefined;
  }

  /**
   * Loads the deployment's pack on its first start: while no profession is configured. Instances
   * starting together load it once (the others wait for the lock, then find the professions).
   */
  async loadOnFirstStart(name: SeedPackName): Promise<SeedPackLoadResponse | null> {
    if (name === 'none') return null;
    const pack = shippedPack(name);
    if (!pack) throw new Error(`No configuration pack is called ${name}`);
    return this.transactions.run(async (manager) => {
      await this.repository.lockLoading(manager);
      if ((await this.professions.list(manager)).length) return null;
      return this.loadWhole(manager, SYSTEM_ACTOR, pack);
    });
  }

  /**
   * The configuration in use as a pack, read in one transaction: each part as its admin route
   * takes it, references by code, what is switched off or withdrawn left out. Loaded into an
   * empty deployment it gives the same configuration.
   */
  current(): Promise<SeedPackDto> {
    return this.transactions.run((manager) => this.exportIn(manager));
  }

  private async exportIn(manager: EntityManager): Promise<SeedPackDto> {
    {
      const professions = (await this.professions.list(manager)).filter((p) => p.active);
      const professionCode = new Map(professions.map((p) => [p.id, p.code]));
      const of = (id: string | null | undefined) => (id ? professionCode.get(id) : undefined);
      const types = (await this.credentialTypes.list(manager)).filter((type) => type.active);
      const typeCode = new Map(types.map((type) => [type.id, type.code]));
      const codeOfType = (id: string | null | undefined) => (id ? typeCode.get(id) : undefined);
      return {
        name: 'current',
        description: `The configuration in use on ${this.calendar.today()}`,
        professions: professions.map(({ code, name, specialities }) => ({
          code,
          name,
          specialities: specialities
            .filter((speciality) => speciality.active)
            .map(({ code: specialityCode, name: specialityName }) => ({
              code: specialityCode,
              name: specialityName,
            })),
        })),
        degrees: (await this.qualifications.degrees(manager)).map(present),
        credentialTypes: types.map(
          ({ id: _id, professionId, profession: _name, active: _on, ...type }) =>
            present({ ...type, profession: of(professionId) }),
        ),
        membershipCategories: (await this.categories.list(manager))
          .filter((category) => category.active)
          .map(({ id: _id, active: _on, professionId, cardCredentialTypeId, ...category }) =>
            present({
              ...category,
              profession: of(professionId),
              cardCredentialType: codeOfType(cardCredentialTypeId),
            }),
          ),
        ethicsCodes: (await this.ethics.listCodes({}, manager))
          .filter((version) => version.withdrawnAt === null)
          .reverse()
          .map(({ professionId, version, title, effectiveFrom, articles }) => ({
            profession: of(professionId)!,
            version,
            title,
            effectiveFrom,
            articles: articles.map(present),
          })),
        sanctionTypes: (await this.caseConfiguration.sanctionTypes({}, manager))
          .filter((type) => type.active)
          .map(({ id: _id, professionId: _pid, active: _on, ...type }) =>
            present({ ...type, profession: type.profession ?? undefined }),
          ),
        procedures: (await this.caseConfiguration.procedures({}, manager)).map(
          ({ id: _id, professionId: _pid, ...procedure }) =>
            present({ ...procedure, profession: procedure.profession ?? undefined }),
        ),
        cpdPolicies: (await this.cpd.policies(manager)).map(
          ({ id: _id, professionId: _pid, profession, ...policy }) =>
            present({ ...policy, profession: profession ?? undefined }),
        ),
      } as SeedPackDto;
    }
  }

  /** The professions configured now, by code: what start-up names beside the pack. */
  configuredProfessions(): Promise<string[]> {
    return this.transactions.run(async (manager) =>
      (await this.professions.list(manager)).map((profession) => profession.code),
    );
  }

  loadShipped(actor: Actor, name: string, dryRun = false): Promise<SeedPackLoadResponse> {
    const pack = shippedPack(name);
    if (!pack) throw notFound('Configuration pack', name);
    return this.load(actor, pack, dryRun);
  }

  /**
   * Loads a pack whole or not at all. A dry run loads it the same way, every part checked by its
   * use case, then rolls it back and answers what it would have created and kept.
   */
  async load(
    actor: Actor,
    pack: SeedPackDto,
    dryRun = false,
    keepImported = false,
  ): Promise<SeedPackLoadResponse> {
    try {
      return await this.transactions.run(async (manager) => {
        await this.repository.lockLoading(manager);
        const report = await this.loadWhole(manager, actor, pack);
        if (dryRun) throw new RolledBack(report);
        if (keepImported) {
          await this.repository.keepImported(
            manager,
            pack,
            actor.kind === 'account' ? actor.accountId : null,
          );
        }
        return report;
      });
    } catch (error) {
      if (error instanceof RolledBack) return { ...error.report, dryRun: true };
      throw error;
    }
  }

  private async loadWhole(
    manager: EntityManager,
    actor: Actor,
    pack: SeedPackDto,
  ): Promise<SeedPackLoadResponse> {
    const report: SeedPackLoadResponse = {
      pack: pack.name,
      created: noParts(),
      changed: noParts(),
      kept: noParts(),
    };
    // What is here before the pack, as a pack says it: what a kept item of the pack changes.
    const here = await this.exportIn(manager);
    await this.loadProfessions(manager, actor, pack, report);
    await this.loadDegrees(manager, actor, pack, report, here);
    await this.loadCredentialTypes(manager, actor, pack, report, here);
    await this.loadCategories(manager, actor, pack, report, here);
    await this.loadCodes(manager, actor, pack, report);
    await this.loadSanctionTypes(manager, actor, pack, report, here);
    await this.loadProcedures(manager, actor, pack, report);
    await this.loadCpdPolicies(manager, actor, pack, report);
    await this.audit.record(manager, actor, {
      action: 'seed_pack.loaded',
      entityType: 'seed_pack',
      entityId: pack.name,
      after: report,
    });
    return report;
  }

  private async loadProfessions(
    manager: EntityManager,
    actor: Actor,
    pack: SeedPackDto,
    report: SeedPackLoadResponse,
  ) {
    for (const [index, profession] of (pack.professions ?? []).entries()) {
      if (await this.professionsPort.byCode(manager, profession.code)) {
        report.kept.professions.push(profession.code);
        continue;
      }
      await part(`professions[${index}]`, profession.code, () =>
        this.professions.create(actor, profession, manager),
      );
      report.created.professions.push(profession.code);
    }
  }

  private async loadDegrees(
    manager: EntityManager,
    actor: Actor,
    pack: SeedPackDto,
    report: SeedPackLoadResponse,
    current: SeedPackDto,
  ) {
    const here = byCode(current.degrees);
    for (const [index, degree] of (pack.degrees ?? []).entries()) {
      const path = `degrees[${index}]`;
      if (here.has(degree.code)) {
        const changed = changedFields(path, degree, here.get(degree.code)!, []);
        if (!changed.length) {
          report.kept.degrees.push(degree.code);
          continue;
        }
        await part(path, degree.code, () =>
          this.qualifications.correctDegree(actor, degree.code, pick(degree, changed), manager),
        );
        report.changed.degrees.push(`${degree.code}: ${changed.join(', ')}`);
        continue;
      }
      await part(`degrees[${index}]`, degree.code, () =>
        this.qualifications.addDegree(actor, degree, manager),
      );
      report.created.degrees.push(degree.code);
    }
  }

  private async loadCredentialTypes(
    manager: EntityManager,
    actor: Actor,
    pack: SeedPackDto,
    report: SeedPackLoadResponse,
    current: SeedPackDto,
  ) {
    const professionCode = await this.professionCodes(manager);
    // A code is the profession's own: another profession's item of the same code is not this one.
    const ids = new Map(
      (await this.credentialTypes.list(manager)).map((type) => [
        ownLabel(professionCode(type.professionId), type.code),
        type.id,
      ]),
    );
    const before = new Map(
      (current.credentialTypes ?? []).map((type) => [ownLabel(type.profession, type.code), type]),
    );
    for (const [index, { profession, ...type }] of issuedInOrder(pack.credentialTypes ?? [])) {
      const path = `credentialTypes[${index}]`;
      const professionId = await this.professionId(manager, `${path}.profession`, profession);
      const label = ownLabel(profession, type.code);
      if (ids.has(label)) {
        const changed = changedFields(path, type, before.get(label) ?? {}, ['issuerKind']);
        if (!changed.length) {
          report.kept.credentialTypes.push(type.code);
          continue;
        }
        await part(path, type.code, () =>
          this.credentialTypes.update(actor, ids.get(label)!, pick(type, changed), manager),
        );
        report.changed.credentialTypes.push(`${type.code}: ${changed.join(', ')}`);
        continue;
      }
      await part(path, type.code, () =>
        this.credentialTypes.create(actor, { ...type, professionId }, manager),
      );
      report.created.credentialTypes.push(type.code);
    }
  }

  private async loadCategories(
    manager: EntityManager,
    actor: Actor,
    pack: SeedPackDto,
    report: SeedPackLoadResponse,
    current: SeedPackDto,
  ) {
    const professionCode = await this.professionCodes(manager);
    const ids = new Map(
      (await this.categories.list(manager)).map((category) => [
        ownLabel(professionCode(category.professionId), category.code),
        category.id,
      ]),
    );
    const before = new Map(
      (current.membershipCategories ?? []).map((category) => [
        ownLabel(category.profession, category.code),
        category,
      ]),
    );
    const types = await this.credentialTypes.list(manager);
    // The card is the category's profession's type of that code, else one of no profession.
    const typeId = (path: string, code: string | undefined, professionId: string | null) => {
      if (code === undefined) return null;
      const type = ownOrShared(
        types.filter((candidate) => candidate.code === code),
        professionId,
      );
      if (!type) throw unknownCode(path, 'credential type', code);
      return type.id;
    };
    for (const [index, entry] of (pack.membershipCategories ?? []).entries()) {
      const { profession, cardCredentialType, ...category } = entry;
      const path = `membershipCategories[${index}]`;
      const professionId = await this.professionId(manager, `${path}.profession`, profession);
      const label = ownLabel(profession, category.code);
      if (ids.has(label)) {
        const changed = changedFields(
          path,
          { ...category, cardCredentialType },
          before.get(label) ?? {},
          [],
        );
        if (!changed.length) {
          report.kept.membershipCategories.push(category.code);
          continue;
        }
        const { cardCredentialType: card, ...changes } = pick(
          { ...category, cardCredentialType },
          changed,
        );
        await part(path, category.code, () =>
          this.categories.update(
            actor,
            ids.get(label)!,
            {
              ...changes,
              ...(changed.includes('cardCredentialType') && {
                cardCredentialTypeId: typeId(`${path}.cardCredentialType`, card, professionId),
              }),
            },
            manager,
          ),
        );
        report.changed.membershipCategories.push(`${category.code}: ${changed.join(', ')}`);
        continue;
      }
      const references = {
        professionId,
        cardCredentialTypeId: typeId(
          `${path}.cardCredentialType`,
          cardCredentialType,
          professionId,
        ),
      };
      await part(path, category.code, () =>
        this.categories.create(actor, { ...category, ...references }, manager),
      );
      report.created.membershipCategories.push(category.code);
    }
  }

  private async loadCodes(
    manager: EntityManager,
    actor: Actor,
    pack: SeedPackDto,
    report: SeedPackLoadResponse,
  ) {
    const professionCodes = new Map(
      (await this.professions.list(manager)).map((profession) => [profession.id, profession.code]),
    );
    const here = new Set(
      (await this.ethics.listCodes({}, manager)).map((version) =>
        codeVersionLabel(professionCodes.get(version.professionId) ?? '', version.version),
      ),
    );
    for (const [index, { profession, ...version }] of (pack.ethicsCodes ?? []).entries()) {
      const path = `ethicsCodes[${index}]`;
      const label = codeVersionLabel(profession, version.version);
      if (here.has(label)) {
        report.kept.ethicsCodes.push(label);
        continue;
      }
      const professionId = await this.professionId(manager, `${path}.profession`, profession);
      await part(path, label, () =>
        this.ethics.publish(
          actor,
          { ...version, professionId: professionId ?? undefined },
          manager,
        ),
      );
      report.created.ethicsCodes.push(label);
    }
  }

  private async loadSanctionTypes(
    manager: EntityManager,
    actor: Actor,
    pack: SeedPackDto,
    report: SeedPackLoadResponse,
    current: SeedPackDto,
  ) {
    const listed = await this.caseConfiguration.sanctionTypes({}, manager);
    const ids = new Map(listed.map((type) => [ownLabel(type.profession, type.code), type.id]));
    const before = new Map(
      (current.sanctionTypes ?? []).map((type) => [ownLabel(type.profession, type.code), type]),
    );
    for (const [index, { profession, ...type }] of (pack.sanctionTypes ?? []).entries()) {
      const path = `sanctionTypes[${index}]`;
      const label = ownLabel(profession, type.code);
      if (ids.has(label)) {
        const changed = changedFields(path, type, before.get(label) ?? {}, ['effect']);
        if (!changed.length) {
          report.kept.sanctionTypes.push(type.code);
          continue;
        }
        await part(path, type.code, () =>
          this.caseConfiguration.correctSanctionType(
            actor,
            ids.get(label)!,
            // The effect is fixed (changedFields refuses it), so never among the changes.
            pick(type, changed) as Omit<typeof type, 'code' | 'effect'>,
            manager,
          ),
        );
        report.changed.sanctionTypes.push(`${type.code}: ${changed.join(', ')}`);
        continue;
      }
      const professionId = await this.professionId(manager, `${path}.profession`, profession);
      await part(path, type.code, () =>
        this.caseConfiguration.createSanctionType(
          actor,
          { ...type, professionId: professionId ?? undefined },
          manager,
        ),
      );
      report.created.sanctionTypes.push(type.code);
    }
  }

  private async loadProcedures(
    manager: EntityManager,
    actor: Actor,
    pack: SeedPackDto,
    report: SeedPackLoadResponse,
  ) {
    const here = new Set(
      (await this.caseConfiguration.procedures({}, manager)).map((procedure) =>
        ownLabel(procedure.profession, procedure.version),
      ),
    );
    for (const [index, { profession, ...procedure }] of (pack.procedures ?? []).entries()) {
      const path = `procedures[${index}]`;
      if (here.has(ownLabel(profession, procedure.version))) {
        report.kept.procedures.push(procedure.version);
        continue;
      }
      const professionId = await this.professionId(manager, `${path}.profession`, profession);
      await part(path, procedure.version, () =>
        this.caseConfiguration.createProcedure(
          actor,
          { ...procedure, professionId: professionId ?? undefined },
          manager,
        ),
      );
      report.created.procedures.push(procedure.version);
    }
  }

  private async loadCpdPolicies(
    manager: EntityManager,
    actor: Actor,
    pack: SeedPackDto,
    report: SeedPackLoadResponse,
  ) {
    const here = new Set(
      (await this.cpd.policies(manager)).map((policy) =>
        ownLabel(policy.profession, policyLabel(policy)),
      ),
    );
    for (const [index, named] of (pack.cpdPolicies ?? []).entries()) {
      // A policy that names no profession is that of the pack's type or category it follows.
      const policy = { ...named, profession: named.profession ?? professionFollowed(pack, named) };
      const label = policyLabel(policy);
      if (here.has(ownLabel(policy.profession, label))) {
        report.kept.cpdPolicies.push(label);
        continue;
      }
      await part(`cpdPolicies[${index}]`, label, () => this.cpd.addPolicy(actor, policy, manager));
      report.created.cpdPolicies.push(label);
    }
  }

  /**
   * An item already here by the pack's code is kept only if it is the pack's profession's own: a
   * pack never takes over another profession's item (its holders and rules would become the
   * pack's). Codes are unique across the deployment, so the pack must name its own.
   */
  /** A profession's code by its id (undefined: none), as packs name professions. */
  private async professionCodes(
    manager: EntityManager,
  ): Promise<(id: string | null) => string | undefined> {
    const codes = new Map(
      (await this.professions.list(manager)).map((profession) => [profession.id, profession.code]),
    );
    return (id) => (id ? codes.get(id) : undefined);
  }

  private async professionId(
    manager: EntityManager,
    path: string,
    code: string | undefined,
  ): Promise<string | null> {
    if (code === undefined) return null;
    const profession = await this.professionsPort.byCode(manager, code);
    if (!profession) throw unknownCode(path, 'profession', code);
    return profession.id;
  }
}

/** Ends a dry run's transaction, carrying what it would have done. */
class RolledBack extends Error {
  constructor(readonly report: SeedPackLoadResponse) {
    super('dry run');
  }
}

/** A part as a pack holds it: what is not set is left out, as the admin route takes it. */
function present<T extends object>(part: T): T {
  return Object.fromEntries(
    Object.entries(part).filter(([, value]) => value !== null && value !== undefined),
  ) as T;
}

/** A part's items by code. */
function byCode<T extends { code: string }>(items: T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((item) => [item.code, item]));
}

/** The same JSON, whatever the key order; null and undefined alike. */
const sameValue = (a: unknown, b: unknown): boolean =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a ?? null)), JSON.parse(JSON.stringify(b ?? null)));

/**
 * The fields a pack's item gives that differ from the same item here, its code and profession
 * aside (they name it). A field in `fixed` never changes: a pack that changes one is refused,
 * naming it.
 */
function changedFields(path: string, wanted: object, here: object, fixed: string[]): string[] {
  const changed = Object.entries(wanted)
    .filter(([key]) => key !== 'code' && key !== 'profession')
    .filter(([key, value]) => value !== undefined && !sameValue(value, (here as never)[key]))
    .map(([key]) => key);
  const refused = changed.filter((key) => fixed.includes(key));
  if (refused.length) {
    throw new SeedPacksError(
      'seed-pack-refused',
      `${path} changes what never changes once created: ${refused.join(', ')}`,
      {
        errors: refused.map((key) => ({
          field: `${path}.${key}`,
          message: `${path}.${key} never changes once created: what was issued under it keeps its meaning`,
        })),
      },
    );
  }
  return changed;
}

/** The fields named of an item (never its code). */
function pick<T extends object>(item: T, fields: string[]): Omit<Partial<T>, 'code'> {
  return Object.fromEntries(
    Object.entries(item).filter(([key]) => key !== 'code' && fields.includes(key)),
  ) as Omit<Partial<T>, 'code'>;
}

/** An item of a profession's own (or of none), as a pack and what is here name it. */
const ownLabel = (profession: string | null | undefined, code: string) =>
  `${profession ?? ''}/${code}`;

/** The profession of the credential type or category of the pack that a policy follows. */
function professionFollowed(
  pack: SeedPackDto,
  policy: { credentialTypeCode?: string; membershipCategoryCode?: string },
): string | undefined {
  if (policy.credentialTypeCode) {
    return pack.credentialTypes?.find((type) => type.code === policy.credentialTypeCode)
      ?.profession;
  }
  if (policy.membershipCategoryCode) {
    return pack.membershipCategories?.find(
      (category) => category.code === policy.membershipCategoryCode,
    )?.profession;
  }
  return undefined;
}

/** The codes a pack holds, part by part. */
function partsOf(pack: SeedPackDto): SeedPackParts {
  return {
    professions: (pack.professions ?? []).map((profession) => profession.code),
    degrees: (pack.degrees ?? []).map((degree) => degree.code),
    credentialTypes: (pack.credentialTypes ?? []).map((type) => type.code),
    membershipCategories: (pack.membershipCategories ?? []).map((category) => category.code),
    ethicsCodes: (pack.ethicsCodes ?? []).map((version) =>
      codeVersionLabel(version.profession, version.version),
    ),
    sanctionTypes: (pack.sanctionTypes ?? []).map((type) => type.code),
    procedures: (pack.procedures ?? []).map((procedure) => procedure.version),
    cpdPolicies: (pack.cpdPolicies ?? []).map(policyLabel),
  };
}

function unknownCode(path: string, what: string, code: string): SeedPacksError {
  return new SeedPacksError(
    'seed-pack-refused',
    `${path} names the ${what} ${code}, which is neither in the pack nor here`,
    { errors: [{ field: path, message: `${path}: no ${what} has the code ${code}` }] },
  );
}

/** One part of the pack through its module's use case; a refusal names the part it refused. */
async function part(path: string, label: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    const errors: FieldError[] = error.extras.errors?.map((field) => ({
      field: `${path}.${field.field}`,
      message: field.message,
    })) ?? [{ field: path, message: error.detail }];
    throw new SeedPacksError('seed-pack-refused', `${path} (${label}): ${error.detail}`, {
      errors,
    });
  }
}
