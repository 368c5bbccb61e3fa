/**
 * itsec: lint and score catalog-info.yaml files against the MoJ ICT Security
 * Policy, in any repository's CI.
 *
 * @packageDocumentation
 */

import fs from 'node:fs';
import path from 'node:path';
import {
  PolicyCatalogue,
  isIsoDate,
  mojIctSecurityPolicy,
  parseEntityRefValue,
  parsePolicyCatalogueText,
} from '@internal/plugin-itsec-common';
import { evaluateEntities } from './evaluate';
import { formatProblem, toCsv, toJsonReport, toTable } from './format';
import { UnreadableInputError } from './inputs';
import { scan } from './scan';
import packageJson from '../package.json';

/** Where output goes; the defaults write to the process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Today as 'YYYY-MM-DD' (the default --as-of). */
  today(): string;
}

const USAGE = `Usage:
  itsec lint <files or folders...> [--as-of YYYY-MM-DD] [--itso-group REF]
  itsec evaluate <files or folders...> [--as-of YYYY-MM-DD] [--format table|json|csv]
                 [--policy FILE] [--fail-below SCORE] [--itso-group REF]

Commands:
  lint       Check catalog entities and their itsec.justice.gov.uk/ annotations.
             Prints file:line: message for each problem: malformed or
             impossible values, dates on which something happened that are
             later than the evaluation date, and Codes of Connection owned or
             approved by people who may not (checked against the systems,
             Groups and Users among the inputs).
  evaluate   Build each System, Component, Resource and API's security profile
             (inheriting from its System and Domain among the inputs), evaluate
             it against the policy and print scorecards.

Folders are searched recursively for *.yaml and *.yml files.

Options:
  --as-of DATE        evaluation date (default: today)
  --itso-group REF    the ITSO group (default group:default/itso): it may own
                      any Code of Connection, and its members (Users among the
                      inputs) may give the ITSO approval
  --format FORMAT     table (default), json or csv
  --policy FILE       a policy catalogue (JSON or YAML) instead of the built-in
                      MoJ ICT Security Policy
  --fail-below SCORE  evaluate exits 1 when an entity scores below SCORE (0-100)
  -h, --help          show this help
  --version           show the version

Exit codes: 0 clean, 1 problems found (or a score below --fail-below),
2 unreadable input or bad usage.
`;

class UsageError extends Error {}

interface Parsed {
  command?: string;
  paths: string[];
  options: Record<string, string>;
  help: boolean;
  version: boolean;
}

const VALUE_OPTIONS = new Set([
  'as-of',
  'format',
  'policy',
  'fail-below',
  'itso-group',
]);
/** Options lint takes; the others apply to evaluate only. */
const LINT_OPTIONS = new Set(['as-of', 'itso-group']);

function parseArgs(argv: readonly string[]): Parsed {
  const out: Parsed = { paths: [], options: {}, help: false, version: false };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      if (out.command === undefined) out.command = arg;
      else out.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
    } else if (arg === '-h' || arg === '--help') {
      out.help = true;
    } else if (arg === '--version' || arg === '-V') {
      out.version = true;
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (!VALUE_OPTIONS.has(name))
        throw new UsageError(`unknown option ${arg}`);
      let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
      if (value === undefined) {
        value = argv[++i];
        if (value === undefined || value.startsWith('--'))
          throw new UsageError(`option --${name} needs a value`);
      }
      out.options[name] = value;
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return out;
}

function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function version(): string {
  return String(packageJson.version);
}

function loadPolicy(file: string, cwd: string): PolicyCatalogue {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new UnreadableInputError(`${file}: ${(e as Error).message}`);
  }
  try {
    return parsePolicyCatalogueText(text, file);
  } catch (e) {
    throw new UnreadableInputError((e as Error).message);
  }
}

/**
 * The directory the user ran the command in. `npx` runs packages from the
 * nearest package root and keeps the caller's directory in INIT_CWD.
 */
function userCwd(): string {
  const init = process.env.INIT_CWD;
  return process.env.npm_command === 'exec' && init ? init : process.cwd();
}

/**
 * Runs the CLI with `argv` (without the node and script names) and returns
 * the exit code.
 *
 * @public
 */
export async function main(
  argv: readonly string[],
  io: Partial<CliIo> = {},
): Promise<number> {
  const { stdout, stderr, cwd, today }: CliIo = {
    stdout: t => process.stdout.write(t),
    stderr: t => process.stderr.write(t),
    cwd: userCwd(),
    today: localToday,
    ...io,
  };
  let args: Parsed;
  try {
    args = parseArgs(argv);
  } catch (e) {
    stderr(`itsec: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.version) {
    stdout(`${version()}\n`);
    return 0;
  }
  if (args.help || args.command === 'help') {
    stdout(USAGE);
    return 0;
  }
  if (args.command === undefined) {
    stderr(USAGE);
    return 2;
  }
  if (args.command !== 'lint' && args.command !== 'evaluate') {
    stderr(`itsec: unknown command "${args.command}"\n\n${USAGE}`);
    return 2;
  }
  if (args.paths.length === 0) {
    stderr(
      `itsec ${args.command}: give at least one file or folder\n\n${USAGE}`,
    );
    return 2;
  }

  const asOf = args.options['as-of'] ?? today();
  if (!isIsoDate(asOf)) {
    stderr(
      `itsec ${args.command}: --as-of must be a date YYYY-MM-DD, not "${asOf}"\n`,
    );
    return 2;
  }
  const itsoGroupOption = args.options['itso-group'];
  let itsoGroup: string | undefined;
  if (itsoGroupOption !== undefined) {
    const r = parseEntityRefValue(itsoGroupOption, { kind: 'group' });
    if (!r.ok || r.value.kind !== 'group') {
      stderr(
        `itsec ${args.command}: --itso-group must be a group entity ref (e.g. group:default/itso), not "${itsoGroupOption}"\n`,
      );
      return 2;
    }
    itsoGroup = r.value.ref;
  }
  const scanOptions = { asOf, itsoGroup };

  try {
    if (args.command === 'lint') {
      for (const name of Object.keys(args.options)) {
        if (LINT_OPTIONS.has(name)) continue;
        stderr(`itsec lint: option --${name} applies to evaluate only\n`);
        return 2;
      }
      const result = await scan(args.paths, cwd, scanOptions);
      for (const p of result.problems) stdout(`${formatProblem(p)}\n`);
      const files = result.files.length;
      if (result.problems.length === 0) {
        stderr(
          `itsec lint: ${result.entities.length} entities in ${files} file${
            files === 1 ? '' : 's'
          }, no problems\n`,
        );
        return 0;
      }
      const withProblems = new Set(result.problems.map(p => p.file)).size;
      stderr(
        `itsec lint: ${result.problems.length} problem${
          result.problems.length === 1 ? '' : 's'
        } in ${withProblems} of ${files} file${files === 1 ? '' : 's'}\n`,
      );
      return 1;
    }

    // evaluate
    const format = args.options.format ?? 'table';
    if (!['table', 'json', 'csv'].includes(format)) {
      stderr(
        `itsec evaluate: --format must be table, json or csv, not "${format}"\n`,
      );
      return 2;
    }
    let failBelow: number | undefined;
    if (args.options['fail-below'] !== undefined) {
      failBelow = Number(args.options['fail-below']);
      if (!/^\d+$/.test(args.options['fail-below']) || failBelow > 100) {
        stderr(
          `itsec evaluate: --fail-below must be a whole number from 0 to 100\n`,
        );
        return 2;
      }
    }
    const policy = args.options.policy
      ? loadPolicy(args.options.policy, cwd)
      : mojIctSecurityPolicy;
    const result = await scan(args.paths, cwd, scanOptions);
    const evaluations = evaluateEntities(
      result.entities,
      policy,
      asOf,
      result.organisation,
    );

    if (format === 'json') {
      stdout(
        `${JSON.stringify(
          toJsonReport(asOf, policy, evaluations, result.problems),
          null,
          2,
        )}\n`,
      );
    } else if (format === 'csv') {
      stdout(toCsv(evaluations));
      for (const p of result.problems) stderr(`${formatProblem(p)}\n`);
    } else {
      stdout(toTable(asOf, policy, evaluations, result.problems));
    }

    const below =
      failBelow === undefined
        ? []
        : evaluations.filter(
            e => e.summary.score !== null && e.summary.score < failBelow!,
          );
    if (below.length > 0) {
      stderr(
        `itsec evaluate: ${below.length} ${
          below.length === 1 ? 'entity scores' : 'entities score'
        } below ${failBelow}: ${below.map(e => e.entityRef).join(', ')}\n`,
      );
    }
    return result.problems.length > 0 || below.length > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof UnreadableInputError) {
      stderr(`itsec ${args.command}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
