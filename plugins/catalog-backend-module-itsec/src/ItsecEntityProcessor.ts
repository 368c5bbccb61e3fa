import type { Entity } from '@backstage/catalog-model';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ITSEC_ANNOTATION_PREFIX,
  ITSEC_ROLE_RELATIONS,
  RELATION_CONNECTED_BY,
  RELATION_CONNECTS,
  ROLE_IDS,
  RoleId,
  entityRefOf,
  isCodeOfConnectionEntity,
  parseItsecAnnotations,
  validateCodeOfConnection,
} from '@internal/plugin-itsec-common';

/** The status item type the catalog UI lists as processing errors. */
const PROCESSING_STATUS_TYPE = 'backstage.io/catalog-processing';
const PREFIX = ITSEC_ANNOTATION_PREFIX;
const ROLES: readonly RoleId[] = ROLE_IDS;

type CompoundRef = { kind: string; namespace: string; name: string };

/** 'kind:namespace/name' (already lowercase and complete) to a compound ref. */
function toCompound(ref: string): CompoundRef {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon + 1);
  return {
    kind: ref.slice(0, colon),
    namespace: ref.slice(colon + 1, slash),
    name: ref.slice(slash + 1),
  };
}

/** What the annotations of one entity give: relations to emit and problems to show. */
interface AnnotationOutcome {
  /** Fingerprint of the itsec annotations this was computed from. */
  fingerprint: string;
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

  constructor(options: ItsecEntityProcessorOptions = {}) {
    this.errorMode = options.errorMode ?? 'status';
    this.memoSize = options.memoSize ?? 50_000;
    if (options.memoize !== false) this.memo = new Map();
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

    if (fingerprint !== '') {
      const outcome = this.annotationOutcome(
        entityRefOf(entity),
        fingerprint,
        annotations!,
        namespace,
      );
      for (const [forward, reverse, ref] of outcome.roles) {
        const user = toCompound(ref);
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
      const { parsed, problems } = validateCodeOfConnection(entity);
      for (const ref of [parsed.system, parsed.counterpartyRef]) {
        if (!ref) continue;
        const target = toCompound(ref);
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
        const owner = toCompound(parsed.owner);
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
      if (problems.length) {
        messages = messages.concat(
          problems.map(p => `${parsed.entityRef} ${p.message}`),
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

  private annotationOutcome(
    entityRef: string,
    fingerprint: string,
    annotations: Record<string, string>,
    namespace: string,
  ): AnnotationOutcome {
    const memo = this.memo;
    if (memo) {
      const hit = memo.get(entityRef);
      if (hit !== undefined && hit.fingerprint === fingerprint) return hit;
    }
    const { values, problems } = parseItsecAnnotations(annotations, {
      defaultNamespace: namespace,
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
