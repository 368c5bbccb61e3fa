import fs from 'node:fs';
import path from 'node:path';
import {
  Document,
  LineCounter,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
} from 'yaml';
import type { Node } from 'yaml';

/** A problem at a place in a file. */
export interface Problem {
  /** Path as shown to the user (relative to the working directory when inside it). */
  file: string;
  /** 1-based line. */
  line: number;
  message: string;
  /** The kind of problem: a rule of `problemRules.ts` or an annotation's full name. */
  rule?: string;
  /**
   * `warning`: the file is valid but the scorecard will show a gap it
   * explains; reported, but lint and evaluate do not fail on it. Absent: an
   * error.
   */
  severity?: 'warning';
}

/** Input that could not be read at all (exit code 2). */
export class UnreadableInputError extends Error {}

/** One YAML document of a file, with a way to find line numbers in it. */
export interface YamlDocument {
  file: string;
  /** Line of the document's first content. */
  line: number;
  /** The document as plain data (undefined for broken or empty documents). */
  value: unknown;
  /** Line of the deepest existing node along `path` (a key's line when the key exists). */
  lineOf(path: readonly string[]): number;
}

const YAML_EXT = /\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'dist-types']);

/** Shows `abs` relative to `cwd` when it is inside it. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

/**
 * Expands files and folders (recursively, *.yaml and *.yml) into a sorted,
 * de-duplicated list of absolute file paths.
 *
 * @throws UnreadableInputError when an input does not exist or cannot be read,
 *   or a folder holds no YAML files
 */
export function expandInputs(inputs: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      out.push(f);
    }
  };
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      throw new UnreadableInputError(
        `${input}: ${
          (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'no such file or folder'
            : (e as Error).message
        }`,
      );
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(abs, found, input);
      if (found.length === 0)
        throw new UnreadableInputError(
          `${input}: no .yaml or .yml files in this folder`,
        );
      found.sort().forEach(add);
    } else {
      add(abs);
    }
  }
  return out;
}

function walk(dir: string, out: string[], input: string) {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new UnreadableInputError(`${input}: ${(e as Error).message}`);
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.'))
        walk(full, out, input);
    } else if (entry.isFile() && YAML_EXT.test(entry.name)) {
      out.push(full);
    }
  }
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]
    .replace(/\s+at line \d+, column \d+:?\s*$/, '')
    .trim();
}

/**
 * Reads one file into its YAML documents; syntax errors become problems.
 *
 * @throws UnreadableInputError when the file cannot be read
 */
export function readYamlFile(
  abs: string,
  file: string,
): { documents: YamlDocument[]; problems: Problem[] } {
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    throw new UnreadableInputError(`${file}: ${(e as Error).message}`);
  }
  return parseYamlText(text, file);
}

/** Parses YAML text into documents and problems. Never throws. */
export function parseYamlText(
  text: string,
  file: string,
): { documents: YamlDocument[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const documents: YamlDocument[] = [];
  const lineCounter = new LineCounter();
  const lineAt = (offset: number | undefined) =>
    offset === undefined
      ? 1
      : lineCounter.linePos(Math.max(0, Math.min(offset, text.length))).line;

  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      lineCounter,
      prettyErrors: true,
    }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = [];
  } catch (e) {
    problems.push({
      file,
      line: 1,
      message: `YAML could not be parsed: ${firstLine(
        String((e as Error).message),
      )}`,
      rule: 'yaml-syntax',
    });
    return { documents, problems };
  }

  if (
    docs.length === 0 ||
    docs.every(d => d.contents === null && d.errors.length === 0)
  ) {
    problems.push({
      file,
      line: 1,
      message: 'no YAML documents (the file is empty)',
      rule: 'not-an-entity',
    });
    return { documents, problems };
  }

  for (const doc of docs) {
    const start = lineAt(doc.contents?.range?.[0] ?? doc.range?.[0]);
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const line = err.linePos?.[0]?.line ?? lineAt(err.pos?.[0]);
        problems.push({
          file,
          line,
          message: `YAML syntax error: ${firstLine(err.message)}`,
          rule: 'yaml-syntax',
        });
      }
      continue;
    }
    if (doc.contents === null) continue; // an empty document, e.g. a trailing ---
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      problems.push({
        file,
        line: start,
        message: `YAML could not be read: ${firstLine(
          String((e as Error).message),
        )}`,
        rule: 'yaml-syntax',
      });
      continue;
    }
    if (value === null || value === undefined) continue; // an empty document, e.g. a trailing ---
    documents.push({
      file,
      line: start,
      value,
      lineOf: (p: readonly string[]) => lineOfPath(doc, p, start, lineAt),
    });
  }
  return { documents, problems };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (typeof key === 'string' || typeof key === 'number') return String(key);
  return undefined;
}

function lineOfPath(
  doc: Document.Parsed,
  segments: readonly string[],
  fallback: number,
  lineAt: (offset: number | undefined) => number,
): number {
  let node: unknown = doc.contents;
  let line = fallback;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find(
        item => isPair(item) && keyText(item.key) === segment,
      );
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      line = lineAt(
        keyNode?.range?.[0] ?? (pair.value as Node | null)?.range?.[0],
      );
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(segment)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      line = lineAt(item.range?.[0]);
      node = item;
    } else {
      break;
    }
  }
  return line;
}
