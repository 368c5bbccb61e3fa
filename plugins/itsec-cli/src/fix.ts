import fs from 'node:fs';
import path from 'node:path';
import {
  CatalogInfoEditError,
  editCatalogInfoAnnotations,
} from '@internal/plugin-itsec-common';
import { Parsed } from './args';

/**
 * `itsec fix <file> --entity NAME --set key=value …`: the edit the portal's
 * itsec:catalog-info:annotate action makes, on a local file. Returns the exit
 * code: 0 done, 2 bad usage, an unreadable file or a value refused (the file
 * is then unchanged).
 */
export function fixCommand(
  args: Parsed,
  io: {
    cwd: string;
    stdout(text: string): void;
    stderr(text: string): void;
  },
  asOf: string,
): number {
  const fail = (message: string) => {
    io.stderr(`itsec fix: ${message}\n`);
    return 2;
  };
  if (args.paths.length !== 1)
    return fail(`give one file, not ${args.paths.length}`);
  const entity = args.options.entity;
  if (!entity) return fail('--entity NAME is needed');
  const sets = args.all.set ?? [];
  if (sets.length === 0)
    return fail(
      'give at least one --set key=value (e.g. --set dr-plan-rto=4h)',
    );
  const annotations: Record<string, string> = {};
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) return fail(`--set ${set}: write it as key=value`);
    const key = set.slice(0, eq).trim();
    if (key in annotations) return fail(`--set ${key}: given more than once`);
    annotations[key] = set.slice(eq + 1);
  }

  const [file] = args.paths;
  const full = path.resolve(io.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (e) {
    return fail(`${file}: ${(e as Error).message}`);
  }
  try {
    const r = editCatalogInfoAnnotations(text, {
      entity,
      kind: args.options.kind,
      annotations,
      asOf,
    });
    if (r.text !== text) fs.writeFileSync(full, r.text, 'utf8');
    const ref = `${r.entity.kind.toLocaleLowerCase('en-US')}:${
      r.entity.namespace
    }/${r.entity.name}`;
    for (const [what, names] of [
      ['added', r.added],
      ['updated', r.updated],
      ['already set', r.unchanged],
    ] as const) {
      for (const name of names) io.stdout(`${file}: ${ref}: ${what} ${name}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof CatalogInfoEditError) return fail(`${file}: ${e.message}`);
    throw e;
  }
}
