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
  isoDay,
  mojIctSecurityPolicy,
  parseEntityRefValue,
  parsePolicyCatalogueText,
} from '@internal/plugin-itsec-common';
import {
  FORMATS,
  Parsed,
  UsageError,
  commandUsage,
  isCommand,
  parseArgs,
  unknownCommand,
  usage,
} from './args';
import { evaluateEntities } from './evaluate';
import { fixCommand } from './fix';
import {
  errorsOf,
  formatProblem,
  toCsv,
  toJsonReport,
  toTable,
} from './format';
import { UnreadableInputError } from './inputs';
import { evaluateMarkdown, lintMarkdown } from './markdown';
import { roleNamersOf, unknownOwnersOf } from './organisation';
import { PortalRecords, readPortal } from './portal';
import { toSarif } from './sarif';
import { scan } from './scan';
import packageJson from '../package.json';

/** Where output goes; the defaults write to the process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Today as 'YYYY-MM-DD' (the default --as-of). */
  today(): string;
  /** The environment (ITSEC_TOKEN). */
  env: Readonly<Record<string, string | undefined>>;
}

function version(): string {
  return String(packageJson.version);
}

function tool() {
  return {
    version: version(),
    informationUri: String(packageJson.homepage),
  };
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
  const { stdout, stderr, cwd, today, env }: CliIo = {
    stdout: t => process.stdout.write(t),
    stderr: t => process.stderr.write(t),
    cwd: userCwd(),
    env: process.env,
    // The UTC day, as the backend counts it.
    today: () => isoDay(new Date()),
    ...io,
  };
  let args: Parsed;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const command = argv.find(a => !a.startsWith('-'));
    stderr(
      `itsec${isCommand(command) ? ` ${command}` : ''}: ${e.message}\n(itsec ${
        isCommand(command) ? `${command} ` : ''
      }--help lists the options)\n`,
    );
    return 2;
  }
  if (args.version) {
    stdout(`${version()}\n`);
    return 0;
  }
  if (args.command === 'help') {
    const topic = args.paths[0];
    if (topic !== undefined && !isCommand(topic)) {
      stderr(`itsec: ${unknownCommand(topic)}\n\n${usage()}`);
      return 2;
    }
    stdout(topic ? commandUsage(topic) : usage());
    return 0;
  }
  if (args.help) {
    stdout(isCommand(args.command) ? commandUsage(args.command) : usage());
    return 0;
  }
  if (args.command === undefined) {
    stderr(usage());
    return 2;
  }
  if (!isCommand(args.command)) {
    stderr(`itsec: ${unknownCommand(args.command)}\n\n${usage()}`);
    return 2;
  }
  const command = args.command;
  if (args.paths.length === 0) {
    stderr(
      `itsec ${command}: give at least one file or folder\n\n${commandUsage(
        command,
      )}`,
    );
    return 2;
  }
  const format = args.options.format ?? FORMATS[command][0];
  if (!FORMATS[command].includes(format)) {
    stderr(
      `itsec ${command}: --format must be one of ${FORMATS[command].join(
        ', ',
      )}, not "${format}"\n`,
    );
    return 2;
  }

  const asOf = args.options['as-of'] ?? today();
  if (!isIsoDate(asOf)) {
    stderr(
      `itsec ${command}: --as-of must be a date YYYY-MM-DD, not "${asOf}"\n`,
    );
    return 2;
  }
  if (command === 'fix') return fixCommand(args, { cwd, stdout, stderr }, asOf);
  const itsoGroupOption = args.options['itso-group'];
  let itsoGroup: string | undefined;
  if (itsoGroupOption !== undefined) {
    const r = parseEntityRefValue(itsoGroupOption, { kind: 'group' });
    if (!r.ok || r.value.kind !== 'group') {
      stderr(
        `itsec ${command}: --itso-group must be a group entity ref (e.g. group:default/itso), not "${itsoGroupOption}"\n`,
      );
      return 2;
    }
    itsoGroup = r.value.ref;
  }
  const scanOptions = { asOf, itsoGroup };

  try {
    if (command === 'lint') {
      const result = await scan(args.paths, cwd, scanOptions);
      const files = result.files.length;
      if (format === 'sarif') {
        stdout(
          `${JSON.stringify(
            toSarif({
              ...tool(),
              cwd,
              problems: result.problems,
            }),
            null,
            2,
          )}\n`,
        );
      } else if (format === 'markdown') {
        stdout(lintMarkdown(result.problems, files, result.entities.length));
      } else {
        for (const p of result.problems) stdout(`${formatProblem(p)}\n`);
      }
      if (result.problems.length === 0) {
        stderr(
          `itsec lint: ${result.entities.length} entities in ${files} file${
            files === 1 ? '' : 's'
          }, no problems\n`,
        );
        return 0;
      }
      const withProblems = new Set(result.problems.map(p => p.file)).size;
      const errors = errorsOf(result.problems).length;
      const warnings = result.problems.length - errors;
      stderr(
        `itsec lint: ${result.problems.length} problem${
          result.problems.length === 1 ? '' : 's'
        }${
          warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''
        } in ${withProblems} of ${files} file${files === 1 ? '' : 's'}\n`,
      );
      // Warnings explain a gap the scorecard shows; only errors fail.
      return errors > 0 ? 1 : 0;
    }

    // evaluate
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
    let portal: PortalRecords | undefined;
    if (args.options.portal !== undefined) {
      const token = env.ITSEC_TOKEN;
      if (!token) {
        stderr(
          `itsec evaluate: --portal needs a token in the environment variable ITSEC_TOKEN\n`,
        );
        return 2;
      }
      portal = await readPortal(args.options.portal, token, [
        ...new Set([
          ...unknownOwnersOf(result.entities, result.organisation),
          ...roleNamersOf(result.entities),
        ]),
      ]);
    }
    const scope = { portal: portal?.url };
    const evaluations = evaluateEntities(
      result.entities,
      policy,
      asOf,
      result.organisation,
      portal,
    );

    if (format === 'json') {
      stdout(
        `${JSON.stringify(
          toJsonReport(asOf, policy, evaluations, result.problems, scope),
          null,
          2,
        )}\n`,
      );
    } else if (format === 'csv') {
      stdout(toCsv(evaluations));
      for (const p of result.problems) stderr(`${formatProblem(p)}\n`);
    } else if (format === 'sarif') {
      stdout(
        `${JSON.stringify(
          toSarif({
            ...tool(),
            cwd,
            problems: result.problems,
            evaluation: { policy, evaluations, entities: result.entities },
          }),
          null,
          2,
        )}\n`,
      );
    } else if (format === 'markdown') {
      stdout(
        evaluateMarkdown(asOf, policy, evaluations, result.problems, scope),
      );
    } else {
      stdout(toTable(asOf, policy, evaluations, result.problems, scope));
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
    return errorsOf(result.problems).length > 0 || below.length > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof UnreadableInputError) {
      stderr(`itsec ${command}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
