/*
 * Sets itsec annotations on one entity of a catalog-info.yaml text, for the
 * scaffolder's itsec:catalog-info:annotate action and `itsec fix`. The edit is
 * made on the source text (splicing only the lines of the annotations set), so
 * comments, key order, quoting and the other documents stay byte for byte.
 */

import {
  Document,
  isMap,
  isScalar,
  LineCounter,
  Pair,
  parseAllDocuments,
  Scalar,
  stringify,
  YAMLMap,
} from 'yaml';
import { parseEntityRef } from '@backstage/catalog-model';
import { ITSEC_ANNOTATION_PREFIX } from '../profile/annotations';
import { ITSEC_ANNOTATION_SPEC_BY_NAME, ITSEC_ANNOTATION_SPECS } from './spec';
import { parseItsecAnnotations } from './parse';

/**
 * Thrown by {@link editCatalogInfoAnnotations} for input it refuses (unknown
 * annotation, invalid value, no such entity, a file that is not catalog
 * YAML). Its name is `InputError`, so Backstage's error handler answers 400.
 *
 * @public
 */
export class CatalogInfoEditError extends Error {
  /** Full annotation names the error is about, when it is about values. */
  readonly annotations: string[];

  constructor(message: string, annotations: string[] = []) {
    super(message);
    this.name = 'InputError';
    this.annotations = annotations;
  }
}

/**
 * What to set on which entity.
 *
 * @public
 */
export interface CatalogInfoEdit {
  /** The entity's `metadata.name`, or an entity ref (`component:default/payments`). */
  entity: string;
  /** The entity's kind, when the name alone is ambiguous in the file. */
  kind?: string;
  /**
   * Annotation values by short key (`dr-plan-last-test`) or full name
   * (`itsec.justice.gov.uk/dr-plan-last-test`).
   */
  annotations: Record<string, string>;
  /**
   * The day of the edit, `YYYY-MM-DD`: a date on which something happened
   * later than this is refused. Not checked when absent.
   */
  asOf?: string;
}

/**
 * The result of {@link editCatalogInfoAnnotations}.
 *
 * @public
 */
export interface CatalogInfoEditResult {
  /** The new file text. */
  text: string;
  /** The entity edited: kind, namespace and name as the file writes them. */
  entity: { kind: string; namespace: string; name: string };
  /** Full names of the annotations that were added. */
  added: string[];
  /** Full names of the annotations whose value changed. */
  updated: string[];
  /** Full names of the annotations that already had the value. */
  unchanged: string[];
}

type Splice = { at: number; end: number; text: string; order: number };

/** The full, known annotation name for a short key or full name; throws otherwise. */
function annotationName(key: string): string {
  const name = key.startsWith(ITSEC_ANNOTATION_PREFIX)
    ? key
    : `${ITSEC_ANNOTATION_PREFIX}${key}`;
  if (ITSEC_ANNOTATION_SPEC_BY_NAME.has(name)) return name;
  const short = name.slice(ITSEC_ANNOTATION_PREFIX.length);
  const near = ITSEC_ANNOTATION_SPECS.map(s => s.key).filter(
    k => k.includes(short) || short.includes(k),
  );
  throw new CatalogInfoEditError(
    `${name}: unknown itsec annotation${
      near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''
    }`,
    [name],
  );
}

function normaliseValues(
  annotations: Record<string, string>,
): Map<string, string> {
  const out = new Map<string, string>();
  const entries = Object.entries(annotations ?? {});
  if (entries.length === 0) {
    throw new CatalogInfoEditError('annotations: give at least one to set');
  }
  for (const [key, value] of entries) {
    const name = annotationName(key.trim());
    if (typeof value !== 'string') {
      throw new CatalogInfoEditError(`${name}: the value must be a string`, [
        name,
      ]);
    }
    if (out.has(name)) {
      throw new CatalogInfoEditError(`${name}: set more than once`, [name]);
    }
    out.set(name, value.trim());
  }
  return out;
}

interface Target {
  doc: Document.Parsed;
  kind: string;
  namespace: string;
  name: string;
}

function describeEntity(kind: string, namespace: string, name: string) {
  return `${kind.toLocaleLowerCase('en-US')}:${namespace}/${name}`;
}

function findTarget(
  docs: Document.Parsed[],
  edit: CatalogInfoEdit,
  lines: LineCounter,
): Target {
  let wantKind = edit.kind;
  let wantNamespace: string | undefined;
  let wantName = edit.entity?.trim() ?? '';
  if (!wantName) throw new CatalogInfoEditError('entity: give a name');
  if (/[:/]/.test(wantName)) {
    let ref;
    try {
      ref = parseEntityRef(wantName, { defaultKind: edit.kind ?? 'x' });
    } catch (e) {
      throw new CatalogInfoEditError(`entity: ${(e as Error).message}`);
    }
    if (edit.kind || /:/.test(wantName)) wantKind = ref.kind;
    wantNamespace = ref.namespace;
    wantName = ref.name;
  }
  const same = (a: string, b: string) =>
    a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

  const entities: Target[] = [];
  for (const doc of docs) {
    if (!isMap(doc.contents)) continue;
    const kind = doc.get('kind');
    const name = doc.getIn(['metadata', 'name']);
    if (typeof kind !== 'string' || typeof name !== 'string') continue;
    const ns = doc.getIn(['metadata', 'namespace']);
    entities.push({
      doc,
      kind,
      name,
      namespace: typeof ns === 'string' ? ns : 'default',
    });
  }
  if (entities.length === 0) {
    throw new CatalogInfoEditError(
      'the file holds no catalog entity (no document with kind and metadata.name)',
    );
  }
  const found = entities.filter(
    e =>
      same(e.name, wantName) &&
      (wantKind === undefined || same(e.kind, wantKind)) &&
      (wantNamespace === undefined || same(e.namespace, wantNamespace)),
  );
  const list = entities
    .map(e => describeEntity(e.kind, e.namespace, e.name))
    .join(', ');
  if (found.length === 0) {
    throw new CatalogInfoEditError(
      `entity: no entity ${edit.entity} in the file (it holds ${list})`,
    );
  }
  if (found.length > 1) {
    const at = found
      .map(f => {
        const kind = f.doc.get('kind', true) as Scalar;
        return `line ${lines.linePos(kind.range![0]).line}`;
      })
      .join(', ');
    throw new CatalogInfoEditError(
      `entity: ${found.length} entities match ${edit.entity} (${at}); ${
        wantKind === undefined
          ? 'give the kind'
          : 'the file declares it more than once, which the catalog refuses'
      }`,
    );
  }
  return found[0];
}

/** The value written as a YAML scalar in a given style (one line). */
function renderScalar(value: string, type?: Scalar.Type): string {
  const style =
    type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE' ? type : 'PLAIN';
  return stringify(value, {
    defaultStringType: style,
    lineWidth: 0,
  }).replace(/\n$/, '');
}

function lineStart(text: string, at: number) {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** Offset just past the end of the line that holds `at` (after its newline). */
function nextLineStart(text: string, at: number) {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl + 1;
}

/** Where the last item of a block map ends: the start of the line after it. */
function afterLastItem(text: string, map: YAMLMap): number {
  const last = map.items[map.items.length - 1] as Pair;
  const node = (last.value ?? last.key) as { range?: [number, number, number] };
  const end = node.range ? node.range[1] : 0;
  // A block scalar's value end is already past its last newline.
  return text[end - 1] === '\n' ? end : nextLineStart(text, end);
}

function keyIndent(text: string, map: YAMLMap): string {
  const first = (map.items[0] as Pair).key as { range?: [number] };
  const at = first.range![0];
  return ' '.repeat(at - lineStart(text, at));
}

/** Lines `key: value` at an indent, for a block map. */
function blockLines(
  entries: Array<[string, string]>,
  indent: string,
  eol: string,
): string {
  return entries
    .map(([k, v]) => `${indent}${k}: ${renderScalar(v)}${eol}`)
    .join('');
}

function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && !node.flow && node.items.length > 0;
}

function plan(
  text: string,
  target: Target,
  values: Map<string, string>,
  eol: string,
): {
  splices: Splice[];
  result: Omit<CatalogInfoEditResult, 'text' | 'entity'>;
} {
  const { doc } = target;
  const metadata = doc.get('metadata', true);
  if (!isBlockMap(metadata)) {
    throw new CatalogInfoEditError(
      `metadata of ${target.name} is not a block mapping; edit it by hand`,
    );
  }
  const annotationsPair = metadata.items.find(
    p => isScalar(p.key) && p.key.value === 'annotations',
  ) as Pair | undefined;
  const annotations = annotationsPair?.value;
  const result = {
    added: [] as string[],
    updated: [] as string[],
    unchanged: [] as string[],
  };
  const splices: Splice[] = [];
  const toAdd: Array<[string, string]> = [];

  if (annotations && !isScalar(annotations) && !isBlockMap(annotations)) {
    if (!(isMap(annotations) && annotations.flow)) {
      throw new CatalogInfoEditError(
        `metadata.annotations of ${target.name} is not a mapping`,
      );
    }
  }
  const existing = isMap(annotations) ? annotations : undefined;

  for (const [name, value] of values) {
    const pair = existing?.items.find(
      p => isScalar(p.key) && p.key.value === name,
    ) as Pair | undefined;
    if (!pair) {
      toAdd.push([name, value]);
      result.added.push(name);
      continue;
    }
    const node = pair.value;
    if (isScalar(node) && node.value === value) {
      result.unchanged.push(name);
      continue;
    }
    result.updated.push(name);
    if (isScalar(node) && node.range && node.value !== null) {
      splices.push({
        at: node.range[0],
        end: node.range[1],
        text: renderScalar(value, node.type),
        order: splices.length,
      });
      continue;
    }
    // `key:` with no value: write the value after the colon.
    const keyEnd = (pair.key as Scalar).range![1];
    const colon = text.indexOf(':', keyEnd);
    splices.push({
      at: colon + 1,
      end: isScalar(node) && node.range ? node.range[1] : colon + 1,
      text: ` ${renderScalar(value)}`,
      order: splices.length,
    });
  }

  if (toAdd.length > 0) {
    if (existing && existing.flow) {
      const close = existing.range![1] - 1;
      const body = toAdd.map(([k, v]) => `${k}: ${renderScalar(v)}`);
      splices.push({
        at: close,
        end: close,
        text:
          existing.items.length > 0 ? `, ${body.join(', ')}` : body.join(', '),
        order: splices.length,
      });
    } else if (existing) {
      splices.push({
        at: afterLastItem(text, existing),
        end: afterLastItem(text, existing),
        text: blockLines(toAdd, keyIndent(text, existing), eol),
        order: splices.length,
      });
    } else {
      const metaIndent = keyIndent(text, metadata);
      const inner = `${metaIndent}  `;
      if (annotationsPair) {
        // `annotations:` with no value (null): the lines go under it.
        const keyEnd = (annotationsPair.key as Scalar).range![1];
        const valueEnd =
          isScalar(annotations) && annotations.range
            ? annotations.range[1]
            : keyEnd;
        const at = nextLineStart(text, valueEnd);
        splices.push({
          at,
          end: at,
          text: blockLines(toAdd, inner, eol),
          order: splices.length,
        });
      } else {
        const at = afterLastItem(text, metadata);
        splices.push({
          at,
          end: at,
          text: `${metaIndent}annotations:${eol}${blockLines(
            toAdd,
            inner,
            eol,
          )}`,
          order: splices.length,
        });
      }
    }
  }
  return { splices, result };
}

function validate(target: Target, values: Map<string, string>, asOf?: string) {
  const current = target.doc.getIn(['metadata', 'annotations']);
  const merged: Record<string, unknown> = {
    ...(current && typeof current === 'object'
      ? (target.doc.toJS().metadata.annotations as Record<string, unknown>)
      : {}),
    ...Object.fromEntries(values),
  };
  const { problems } = parseItsecAnnotations(merged, {
    kind: target.kind,
    defaultNamespace: target.namespace,
    asOf,
  });
  const mine = problems.filter(p => values.has(p.annotation));
  if (mine.length > 0) {
    throw new CatalogInfoEditError(mine.map(p => p.message).join('; '), [
      ...new Set(mine.map(p => p.annotation)),
    ]);
  }
}

/**
 * Sets or updates itsec annotations on one entity of a catalog-info.yaml text
 * and changes nothing else: comments, key order, quoting and the other
 * documents are kept as written. Values are validated as the catalog does
 * (the annotation's format, the entity's kind, pairs that need each other).
 *
 * @throws CatalogInfoEditError for an unknown annotation, an invalid value,
 *   an entity not in the file, or a file that is not valid YAML.
 * @public
 */
export function editCatalogInfoAnnotations(
  text: string,
  edit: CatalogInfoEdit,
): CatalogInfoEditResult {
  if (typeof text !== 'string') {
    throw new CatalogInfoEditError('the file is not text');
  }
  const values = normaliseValues(edit.annotations);
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  if (!Array.isArray(docs)) {
    throw new CatalogInfoEditError('the file holds no YAML document');
  }
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const at = lines.linePos(error.pos[0]);
      throw new CatalogInfoEditError(
        `the file is not valid YAML: line ${at.line}, column ${at.col}: ${
          error.message.split('\n')[0]
        }`,
      );
    }
  }
  const target = findTarget(docs, edit, lines);
  validate(target, values, edit.asOf);

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const { splices, result } = plan(text, target, values, eol);
  let out = text;
  for (const s of splices) {
    // At the end of a file without a final newline: the newline goes first.
    if (s.at === text.length && !text.endsWith('\n') && s.text.endsWith(eol))
      s.text = eol + s.text.slice(0, -eol.length);
  }
  for (const s of [...splices].sort(
    (a, b) => b.at - a.at || b.order - a.order,
  )) {
    out = out.slice(0, s.at) + s.text + out.slice(s.end);
  }
  check(text, out, (docs as Document.Parsed[]).indexOf(target.doc), values);
  return {
    text: out,
    entity: {
      kind: target.kind,
      namespace: target.namespace,
      name: target.name,
    },
    ...result,
  };
}

/** The edit re-read: the target has exactly the values, every other document is as before. */
function check(
  before: string,
  after: string,
  index: number,
  values: Map<string, string>,
) {
  const a = parseAllDocuments(before) as Document.Parsed[];
  const b = parseAllDocuments(after) as Document.Parsed[];
  const ok =
    Array.isArray(b) &&
    a.length === b.length &&
    b.every(d => d.errors.length === 0) &&
    a.every((doc, i) => {
      const x = doc.toJS();
      const y = b[i].toJS();
      if (i === index) {
        const anns = { ...(x.metadata.annotations ?? {}) };
        for (const [k, v] of values) anns[k] = v;
        x.metadata.annotations = anns;
      }
      return JSON.stringify(x) === JSON.stringify(y);
    });
  if (!ok) {
    throw new CatalogInfoEditError(
      'the file could not be edited without changing other content; set these annotations by hand',
    );
  }
}
