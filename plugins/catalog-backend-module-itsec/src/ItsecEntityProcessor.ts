import {
  parseEntityRef,
  type CompoundEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  DEFAULT_ITSO_GROUP,
  ITSEC_ANNOTATION_PREFIX,
  ITSEC_ROLE_RELATIONS,
  OwningGroup,
  ParsedCodeOfConnection,
  RELATION_CONNECTED_BY,
  RELATION_CONNECTS,
  ROLE_IDS,
  RoleId,
  SecurityProfile,
  codeOfConnectionApprovalProblems,
  codeOfConnectionOwnerProblem,
  entityOwnerRef,
  entityRefOf,
  entityToProfile,
  indexGroupMembership,
  isCodeOfConnectionEntity,
  isoDay,
  owningGroupsOf,
  parentEntityRef,
  parseItsecAnnotations,
  resolveProfile,
  subGroupRefs,
  validateCodeOfConnection,
} from '@internal/plugin-itsec-common';
import type { ItsecCatalogLookup } from './catalogLookup';

/** The status item type the catalog UI lists as processing errors. */
const PROCESSING_STATUS_TYPE = 'backstage.io/catalog-processing';
const PREFIX = ITSEC_ANNOTATION_PREFIX;
const ROLES: readonly RoleId[] = ROLE_IDS;

type CompoundRef = CompoundEntityRef;

/** What the annotations of one entity give: relations to emit and problems to show. */
interface AnnotationOutcome {
  /** Fingerprint of the itsec annotations this was computed from. */
  fingerprint: string;
  /** The evaluation date it was computed on (future dates depend on it). */
  asOf: string;
  /** [forward type, reverse type, user ref] per role holder. */
  roles: Array<[string, string, string]>;
  messages: string[];
}

/** Options for {@link ItsecEntityProcessor}. */
export interface ItsecEntityProcessorOptions {
  /**
   * How problems are reported.
   *
   * - `status` (default): as error items in the entity's `status`, the place
   *   the catalog UI lists processing errors; the entity still ingests with
   *   every valid value and relation.
   * - `emit`: also as `processingResult.inputError`. The catalog then treats
   *   the whole processing run as failed and keeps the previous version of the
   *   entity (a new entity does not appear at all until it is fixed).
   */
  errorMode?: 'status' | 'emit';
  /**
   * Remember each entity's last annotation outcome, so that re-processing an
   * entity whose itsec annotations did not change (the catalog re-processes
   * every entity every few minutes) costs a string comparison. Default true.
   */
  memoize?: boolean;
  /** Most entities remembered; default 50,000. */
  memoSize?: number;
  /**
   * Reads the system a CodeOfConnection names (and its Domain, and the ITSO
   * group's members) to check the connection's owner and approvers. Without
   * it, or while the system is not in the catalog yet, those checks wait.
   */
  lookup?: ItsecCatalogLookup;
  /** The ITSO group (`itsec.itsoGroup`); default group:default/itso. */
  itsoGroup?: string;
  /**
   * The clock: its UTC day is the evaluation date, after which a date on
   * which something happened is reported as in the future. Default: now.
   */
  clock?: () => Date;
}

/**
 * Validates `itsec.justice.gov.uk/` annotations on every entity, recognises
 * and validates the `CodeOfConnection` kind, and emits the security-role and
 * connection relations.
 *
 * @public
 */
export class ItsecEntityProcessor implements CatalogProcessor {
  private readonly errorMode: 'status' | 'emit';
  private readonly memo?: Map<string, AnnotationOutcome>;
  private readonly memoSize: number;
  private readonly lookup?: ItsecCatalogLookup;
  private readonly itsoGroup: string;
  private readonly clock: () => Date;

  constructor(options: ItsecEntityProcessorOptions = {}) {
    this.errorMode = options.errorMode ?? 'status';
    this.memoSize = options.memoSize ?? 50_000;
    if (options.memoize !== false) this.memo = new Map();
    this.lookup = options.lookup;
    this.itsoGroup = (
      options.itsoGroup ?? DEFAULT_ITSO_GROUP
    ).toLocaleLowerCase('en-US');
    this.clock = options.clock ?? (() => new Date());
  }

  getProcessorName(): string {
    return 'ItsecEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    // Field-level problems are reported by postProcessEntity, so that the
    // entity still ingests; here we only claim the kind.
    return isCodeOfConnectionEntity(entity);
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const isCoc = isCodeOfConnectionEntity(entity);
    const annotations = entity.metadata.annotations;

    // One pass over the annotation names: whether there are itsec ones and,
    // when outcomes are remembered, their fingerprint.
    let fingerprint = '';
    if (annotations) {
      const names = Object.keys(annotations);
      const memo = this.memo !== undefined;
      for (let i = 0; i < names.length; i++) {
        const name = names[i];
        if (name.startsWith(PREFIX)) {
          if (!memo) {
            fingerprint = name;
            break;
          }
          const value = annotations[name];
          fingerprint += `${name}\u0001${
            typeof value === 'string' ? value : JSON.stringify(value)
          }\u0002`;
        }
      }
    }
    if (fingerprint === '' && !isCoc) return entity;

    const namespace = entity.metadata.namespace ?? 'default';
    const self: CompoundRef = {
      kind: entity.kind,
      namespace,
      name: entity.metadata.name,
    };
    let messages: string[] = [];
    const asOf = isoDay(this.clock());

    if (fingerprint !== '') {
      const outcome = this.annotationOutcome(
        entityRefOf(entity),
        entity.kind,
        fingerprint,
        annotations!,
        namespace,
        asOf,
      );
      for (const [forward, reverse, ref] of outcome.roles) {
        const user = parseEntityRef(ref);
        emit(
          processingResult.relation({
            source: self,
            type: forward,
            target: user,
          }),
        );
        emit(
          processingResult.relation({
            source: user,
            type: reverse,
            target: self,
          }),
        );
      }
      messages = outcome.messages;
    }

    if (isCoc) {
      const { parsed, problems } = validateCodeOfConnection(entity, { asOf });
      for (const ref of [parsed.system, parsed.counterpartyRef]) {
        if (!ref) continue;
        const target = parseEntityRef(ref);
        emit(
          processingResult.relation({
            source: self,
            type: RELATION_CONNECTS,
            target,
          }),
        );
        emit(
          processingResult.relation({
            source: target,
            type: RELATION_CONNECTED_BY,
            target: self,
          }),
        );
      }
      if (parsed.owner) {
        const owner = parseEntityRef(parsed.owner);
        emit(
          processingResult.relation({
            source: self,
            type: 'ownedBy',
            target: owner,
          }),
        );
        emit(
          processingResult.relation({
            source: owner,
            type: 'ownerOf',
            target: self,
          }),
        );
      }
      const against = await this.checkAgainstSystem(parsed);
      if (problems.length || against.length) {
        messages = messages.concat(
          [...problems.map(p => p.message), ...against].map(
            m => `${parsed.entityRef} ${m}`,
          ),
        );
      }
    }

    if (messages.length === 0) return entity;

    if (this.errorMode === 'emit') {
      for (const message of messages)
        emit(processingResult.inputError(location, message));
    }
    const items = messages.map(message => ({
      type: PROCESSING_STATUS_TYPE,
      level: 'error' as const,
      message: `InputError: ${message}`,
      error: { name: 'InputError', message },
    }));
    const status = (entity as { status?: { items?: unknown[] } }).status;
    return {
      ...entity,
      status: { ...status, items: [...(status?.items ?? []), ...items] },
    } as Entity;
  }

  /**
   * A CodeOfConnection counts for its system only when the system's owner or
   * the ITSO group owns it, and each MoJ approval only from the person who
   * holds that role for the system; the Accreditor's and IAO's only from
   * someone outside the group owning the system. An owner Group that is not
   * in the catalog has no members anyone can be shown independent of, so
   * those approvals are reported too (until the Group is ingested: a miss is
   * not remembered, so the next processing clears it). Checked once the
   * system is in the catalog.
   */
  private async checkAgainstSystem(
    parsed: ParsedCodeOfConnection,
  ): Promise<string[]> {
    const lookup = this.lookup;
    if (!lookup || !parsed.system || !parsed.owner) return [];
    const system = await lookup.entity(parsed.system);
    if (!system) return [];
    const owner = codeOfConnectionOwnerProblem(
      parsed,
      entityOwnerRef(system),
      this.itsoGroup,
    );
    if (owner) return [owner];
    const [profile, members, owning] = await Promise.all([
      this.resolvedProfile(system, lookup),
      lookup.groupMembers(this.itsoGroup),
      this.owningGroups(system, lookup),
    ]);
    return codeOfConnectionApprovalProblems(
      parsed.approvals,
      profile.roles,
      members,
      { entityRef: parsed.system, groups: owning },
    )
      .filter(p => p.problem !== 'independence-unknown')
      .map(
        p =>
          `spec.approvals.${p.approval}.by: ${
            p.message
          }, so it does not count for POL.ITSEC.028${
            p.problem === 'owning-group-not-in-catalog'
              ? ` (set spec.owner of ${parsed.system} to a Group of the organisation\u2019s directory)`
              : ''
          }`,
      );
  }

  /**
   * The system's owner with its members: the owner Group and its sub-groups,
   * read as the backend reads them. The catalog is the whole organisation, so
   * an owner Group it does not hold is `missing`.
   */
  private async owningGroups(
    system: Entity,
    lookup: ItsecCatalogLookup,
  ): Promise<OwningGroup[]> {
    const owner = entityOwnerRef(system);
    if (!owner || owner.startsWith('user:'))
      return owningGroupsOf(owner, undefined);
    const groups: Entity[] = [];
    const seen = new Set([owner]);
    let frontier = [owner];
    for (let depth = 0; depth <= 8 && frontier.length > 0; depth++) {
      const found = (
        await Promise.all(frontier.map(r => lookup.entity(r)))
      ).filter((e): e is Entity => Boolean(e));
      groups.push(...found);
      frontier = found
        .flatMap(subGroupRefs)
        .filter(r => !seen.has(r) && seen.add(r));
    }
    return owningGroupsOf(
      owner,
      indexGroupMembership(groups, { authoritative: true }),
    );
  }

  /** The entity's profile with what it inherits from its Domain(s). */
  private async resolvedProfile(
    entity: Entity,
    lookup: ItsecCatalogLookup,
  ): Promise<SecurityProfile> {
    const lineage = [entity];
    const seen = new Set([entityRefOf(entity)]);
    for (let depth = 0; depth < 8; depth++) {
      const parentRef = parentEntityRef(lineage[lineage.length - 1]);
      if (!parentRef || seen.has(parentRef)) break;
      seen.add(parentRef);
      const parent = await lookup.entity(parentRef);
      if (!parent) break;
      lineage.push(parent);
    }
    let resolved: SecurityProfile | undefined;
    for (let i = lineage.length - 1; i >= 0; i--) {
      const own = entityToProfile(lineage[i]);
      resolved = resolveProfile(own, resolved ? [resolved] : []);
    }
    return resolved!;
  }

  private annotationOutcome(
    entityRef: string,
    kind: string,
    fingerprint: string,
    annotations: Record<string, string>,
    namespace: string,
    asOf: string,
  ): AnnotationOutcome {
    const memo = this.memo;
    if (memo) {
      const hit = memo.get(entityRef);
      if (
        hit !== undefined &&
        hit.fingerprint === fingerprint &&
        hit.asOf === asOf
      )
        return hit;
    }
    const { values, problems } = parseItsecAnnotations(annotations, {
      defaultNamespace: namespace,
      kind,
      asOf,
    });
    const roles: Array<[string, string, string]> = [];
    for (const role of ROLES) {
      const refs = values.roles[`role-${role}`];
      if (!refs) continue;
      const { forward, reverse } = ITSEC_ROLE_RELATIONS[role];
      for (const ref of refs) roles.push([forward, reverse, ref]);
    }
    const outcome: AnnotationOutcome = {
      fingerprint,
      asOf,
      roles,
      messages: problems.map(p => p.message),
    };
    if (memo) {
      if (memo.size >= this.memoSize && !memo.has(entityRef)) memo.clear();
      memo.set(entityRef, outcome);
    }
    return outcome;
  }
}
