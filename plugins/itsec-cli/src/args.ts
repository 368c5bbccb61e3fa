/*
 * The command line: commands, their options and help texts, and a parser that
 * names the nearest option when one is mistyped.
 */

import { FIX_OPTIONS, FIX_SUMMARY } from './fixUsage';

/** Bad usage (exit code 2). */
export class UsageError extends Error {}

/** The commands. */
export type Command = 'lint' | 'evaluate' | 'fix';

interface OptionSpec {
  name: string;
  value: string;
  help: string;
}

const AS_OF: OptionSpec = {
  name: 'as-of',
  value: 'DATE',
  help: 'evaluation date YYYY-MM-DD (default: today)',
};
const ITSO_GROUP: OptionSpec = {
  name: 'itso-group',
  value: 'REF',
  help: 'the ITSO group (default group:default/itso): it may own any Code of Connection, and its members (Users among the inputs) may give the ITSO approval',
};

/** The formats of each command, the default first. */
export const FORMATS: Record<Command, readonly string[]> = {
  lint: ['text', 'sarif', 'markdown'],
  evaluate: ['table', 'json', 'csv', 'sarif', 'markdown'],
  fix: ['text'],
};

const OPTIONS: Record<Command, readonly OptionSpec[]> = {
  lint: [
    AS_OF,
    ITSO_GROUP,
    {
      name: 'format',
      value: 'FORMAT',
      help: 'text (default: file:line: message), sarif (SARIF 2.1.0 for code scanning) or markdown (a summary for a pull-request comment)',
    },
  ],
  evaluate: [
    AS_OF,
    ITSO_GROUP,
    {
      name: 'format',
      value: 'FORMAT',
      help: 'table (default), json, csv, sarif (SARIF 2.1.0: gaps and problems for code scanning) or markdown (a summary for a pull-request comment)',
    },
    {
      name: 'policy',
      value: 'FILE',
      help: 'a policy catalogue (JSON or YAML) instead of the built-in MoJ ICT Security Policy',
    },
    {
      name: 'fail-below',
      value: 'SCORE',
      help: 'exit 1 when an entity scores below SCORE (0-100)',
    },
    {
      name: 'portal',
      value: 'URL',
      help: "the portal's address: read each entity's attestations and exceptions from it (token in ITSEC_TOKEN) and score as the portal does",
    },
  ],
  fix: FIX_OPTIONS,
};

const SUMMARY: Record<Command, string> = {
  fix: FIX_SUMMARY,
  lint: `Check catalog entities and their itsec.justice.gov.uk/ annotations.
Prints file:line: message for each problem: broken YAML, what the catalog
would reject, malformed or impossible values, dates on which something
happened that are later than the evaluation date, and Codes of Connection
owned or approved by people who may not (checked against the systems, Groups
and Users among the inputs).`,
  evaluate: `Build each System, Component, Resource and API's security profile
(inheriting from its System and Domain among the inputs), evaluate it against
the policy and print scorecards. Offline the score counts only what the files
can show: statements proven by an attestation in the portal are not scored
unless --portal is given.`,
};

const EXIT_CODES = `Exit codes: 0 clean, 1 problems found (or a score below --fail-below),
2 unreadable input or bad usage.`;

function optionLines(options: readonly OptionSpec[]): string {
  const width = Math.max(
    ...options.map(o => o.name.length + o.value.length + 3),
  );
  const lines: string[] = [];
  for (const o of options) {
    const head = `--${o.name} ${o.value}`.padEnd(width);
    const words = o.help.split(' ');
    let line = `  ${head}  `;
    const indent = ' '.repeat(width + 4);
    for (const w of words) {
      if (line.length + w.length > 78 && line.trim() !== head.trim()) {
        lines.push(line.trimEnd());
        line = indent;
      }
      line += `${w} `;
    }
    lines.push(line.trimEnd());
  }
  return lines.join('\n');
}

function synopsis(command: Command): string {
  const opts = OPTIONS[command]
    .map(o =>
      o.name === 'format'
        ? `[--format ${FORMATS[command].join('|')}]`
        : `[--${o.name} ${o.value}]`,
    )
    .join(' ');
  const head = `itsec ${command} ${
    command === 'fix' ? '<file>' : '<files or folders...>'
  } `;
  const out: string[] = [];
  let line = head;
  for (const part of opts.split(/ (?=\[)/)) {
    if (line.length + part.length > 78 && line !== head) {
      out.push(line.trimEnd());
      line = ' '.repeat(head.length);
    }
    line += `${part} `;
  }
  out.push(line.trimEnd());
  return out.join('\n');
}

/** The help of the whole tool. */
export function usage(): string {
  return `Usage:
  ${synopsis('lint').replace(/\n/g, '\n  ')}
  ${synopsis('evaluate').replace(/\n/g, '\n  ')}
  ${synopsis('fix').replace(/\n/g, '\n  ')}
  itsec <command> --help

Commands:
  lint       ${SUMMARY.lint.split('\n')[0]}
  evaluate   Score each System, Component, Resource and API against the policy.
  fix        Set itsec annotations on one entity of a catalog-info.yaml.

Folders are searched recursively for *.yaml and *.yml files.

Options:
  -h, --help     show this help (itsec <command> --help: that command's)
  -V, --version  show the version
  (see itsec lint --help and itsec evaluate --help for the others)

${EXIT_CODES}
`;
}

/** The help of one command. */
export function commandUsage(command: Command): string {
  return `Usage:
  ${synopsis(command).replace(/\n/g, '\n  ')}

${SUMMARY[command]}
${
  command === 'fix'
    ? ''
    : '\nFolders are searched recursively for *.yaml and *.yml files.\n'
}
Options:
${optionLines([
  ...OPTIONS[command],
  { name: 'help', value: '', help: 'show this help (also -h)' },
])}

${EXIT_CODES}
`;
}

/** The parsed command line. */
export interface Parsed {
  command?: string;
  paths: string[];
  options: Record<string, string>;
  help: boolean;
  version: boolean;
  /** Every value of each option, for those given more than once (--set). */
  all: Record<string, string[]>;
}

/** Edit distance (insertions, deletions, substitutions, transpositions). */
function distance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        d[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i].push(v);
    }
  }
  return d[a.length][b.length];
}

/** The nearest of `candidates` to `word`, when near enough to be a typo. */
export function nearest(
  word: string,
  candidates: readonly string[],
): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = distance(word, c);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

const COMMANDS: readonly Command[] = ['lint', 'evaluate', 'fix'];

/** True for the commands there are. */
export function isCommand(word: string | undefined): word is Command {
  return COMMANDS.includes(word as Command);
}

/** `unknown command "x"`, with the nearest command when there is one. */
export function unknownCommand(word: string): string {
  const near = nearest(word, [...COMMANDS, 'help']);
  return `unknown command "${word}"${near ? ` (did you mean ${near}?)` : ''}`;
}

/**
 * Parses `argv` for its command: an option another command takes, or one no
 * command takes, is a {@link UsageError} naming the nearest option.
 */
export function parseArgs(argv: readonly string[]): Parsed {
  const out: Parsed = {
    paths: [],
    options: {},
    help: false,
    version: false,
    all: {},
  };
  let onlyPaths = false;
  const positional: string[] = [];
  const named: [string, string | undefined, number][] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      positional.push(arg);
    } else if (arg === '--') {
      onlyPaths = true;
    } else if (arg === '-h' || arg === '--help') {
      out.help = true;
    } else if (arg === '--version' || arg === '-V') {
      out.version = true;
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      named.push([
        eq === -1 ? arg.slice(2) : arg.slice(2, eq),
        eq === -1 ? undefined : arg.slice(eq + 1),
        i,
      ]);
      // A value follows unless the option is unknown (reported below).
      if (eq === -1 && knownAnywhere(arg.slice(2))) {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--'))
          throw new UsageError(`option ${arg} needs a value`);
        named[named.length - 1][1] = value;
        i++;
      }
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  out.command = positional[0];
  out.paths = positional.slice(1);
  const command = isCommand(out.command) ? out.command : undefined;
  for (const [name, value] of named) {
    const own = command ? OPTIONS[command].map(o => o.name) : allOptionNames();
    if (!knownAnywhere(name)) {
      const near = nearest(name, [...allOptionNames(), 'help', 'version']);
      const elsewhere =
        near && command && !own.includes(near) && knownAnywhere(near)
          ? `, which applies to ${otherCommands(command, near)} only`
          : '';
      throw new UsageError(
        `unknown option --${name}${
          near ? ` (did you mean --${near}${elsewhere}?)` : ''
        }`,
      );
    }
    if (command && !own.includes(name)) {
      throw new UsageError(
        `option --${name} applies to ${otherCommands(
          command,
          name,
        )} only, not ${command}`,
      );
    }
    out.options[name] = value!;
    (out.all[name] ??= []).push(value!);
  }
  return out;
}

function otherCommands(command: Command, option: string): string {
  return COMMANDS.filter(
    c => c !== command && OPTIONS[c].some(o => o.name === option),
  ).join(', ');
}

function allOptionNames(): string[] {
  return [...new Set(COMMANDS.flatMap(c => OPTIONS[c].map(o => o.name)))];
}

function knownAnywhere(name: string): boolean {
  return allOptionNames().includes(name);
}
