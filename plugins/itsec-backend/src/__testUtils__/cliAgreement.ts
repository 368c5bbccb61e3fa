import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ItsecTestBackend } from './backend';

/*
 * Shared by the tests that hold `itsec evaluate --portal` to the portal's own
 * scorecards (issue #16): running the CLI, and both answers side by side.
 */

/** The CLI's entry, as a team runs it (from its TypeScript sources here). */
const CLI = path.resolve(__dirname, '../../../itsec-cli/bin/itsec');

/** Runs `itsec <args>` in `cwd` with `env` added to this process's environment. */
export function runItsec(
  args: string[],
  cwd: string,
  env: Record<string, string>,
) {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    ...env,
  };
  // Under `npm test` these would make the CLI read its inputs from npm's folder.
  delete childEnv.INIT_CWD;
  delete childEnv.npm_command;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        cwd,
        env: childEnv as NodeJS.ProcessEnv,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', d => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', d => (stderr += d));
      child.on('error', reject);
      child.on('close', code => resolve({ code, stdout, stderr }));
    },
  );
}

/** One entity's score and results, as comparable lines. */
export interface ScoreLines {
  entityRef: string;
  score: number | null;
  /** `<statement> <status> <reason,reason>` per statement, in policy order. */
  results: string[];
}

/** An entity of `itsec evaluate --format json`, as lines. */
export function cliLines(entity: any): ScoreLines {
  return {
    entityRef: entity.entityRef,
    score: entity.score,
    results: entity.results.map(
      (x: any) => `${x.statement} ${x.status} ${x.reasons.join(',')}`,
    ),
  };
}

/** The portal's scorecard of `entityRef` (GET .../scorecard as `who`), as lines. */
export async function portalLines(
  backend: ItsecTestBackend,
  entityRef: string,
  who: string,
): Promise<ScoreLines> {
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.split('/');
  const res = await backend.get(
    `/entities/${kind}/${namespace}/${name}/scorecard`,
    who,
  );
  if (res.status !== 200) {
    throw new Error(
      `GET scorecard of ${entityRef} answered ${res.status}: ${res.text}`,
    );
  }
  const evaluation = res.body.evaluation;
  return {
    entityRef,
    score: evaluation.summary.score,
    results: evaluation.results.map(
      (x: any) => `${x.statementId} ${x.status} ${x.reasons.join(',')}`,
    ),
  };
}
