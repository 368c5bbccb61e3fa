import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The real command, as `npx itsec` runs it. */
export const BIN = path.resolve(__dirname, '../../bin/itsec');
/** The repository root. */
export const REPO = path.resolve(__dirname, '../../../..');

/** Output of one run of the command. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `bin/itsec` (or `bin`) with `args` in `cwd`. */
export function itsec(
  args: readonly string[],
  cwd: string,
  options: { bin?: string; env?: Record<string, string | undefined> } = {},
): Run {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...options.env,
  };
  delete env.INIT_CWD;
  delete env.npm_command;
  const r = spawnSync(process.execPath, [options.bin ?? BIN, ...args], {
    cwd,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like {@link itsec}, without blocking (for a stand-in server in this process). */
export function itsecAsync(
  args: readonly string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): Promise<Run> {
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  delete merged.INIT_CWD;
  delete merged.npm_command;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: merged as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', d => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', d => (stderr += d));
    child.on('error', reject);
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

/**
 * Writes the YAML blocks of docs/annotations.md's "Complete examples" (a
 * Domain, a System, a Component, a Resource, an API and a CodeOfConnection)
 * into a new temporary folder, one file each.
 */
export function completeExamples(): string {
  const md = fs.readFileSync(path.join(REPO, 'docs/annotations.md'), 'utf8');
  const section = md.slice(md.indexOf('## Complete examples'));
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
    m => m[1],
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-examples-'));
  blocks.forEach((b, i) =>
    fs.writeFileSync(path.join(dir, `example-${i}.yaml`), b),
  );
  return dir;
}
