/*
 * Exports at scale, measured on the backend alone: the backend runs in a
 * child process (backendProcess.ts) reading the synthetic catalog over HTTP
 * from another (catalogStandIn.ts); curl, a third process, reads each export
 * and discards it. The backend's RSS is sampled from /proc every 20 ms during
 * the export, and its kernel high-water mark (VmHWM, reset before each
 * export through /proc/<pid>/clear_refs) catches peaks between samples.
 * The portfolio index is loaded (one summary request) before the exports.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { ChildProcess, execFile, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

type Figure = (name: string, value: number, unit: string, t?: string) => void;

const MiB = 2 ** 20;
const TS_NODE = ['-r', '@backstage/cli/config/nodeTransform.cjs'];

function forkReady<T>(
  file: string,
  args: string[],
  execArgv: string[] = [],
): Promise<{ child: ChildProcess; ready: T }> {
  const child = fork(path.join(__dirname, file), args, {
    execArgv: [...TS_NODE, ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    // The TypeScript loader also talks over IPC ('watch' messages).
    const onMessage = (ready: any) => {
      if (!ready || typeof ready.port !== 'number') return;
      child.off('message', onMessage);
      resolve({ child, ready: ready as T });
    };
    child.on('message', onMessage);
    child.once('exit', code =>
      reject(new Error(`${file} exited (${code}) before it was ready`)),
    );
  });
}

/** Sends `message`, resolves with the first reply carrying `key`. */
function request<T>(
  child: ChildProcess,
  message: string,
  key: string,
): Promise<T> {
  return new Promise(resolve => {
    const onMessage = (reply: any) => {
      if (!reply || !(key in reply)) return;
      child.off('message', onMessage);
      resolve(reply as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/** kB figures from /proc/<pid>/status (VmRSS, VmHWM), in bytes. */
function procStatus(pid: number): { rss: number; hwm: number } {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

async function curl(port: number, urlPath: string) {
  const { stdout } = await execFileP(
    'curl',
    [
      '-sS',
      '--fail',
      '-o',
      '/dev/null',
      '-H',
      `authorization: ${mockCredentials.user.header()}`,
      '-w',
      '%{time_starttransfer} %{time_total} %{size_download}',
      `http://127.0.0.1:${port}${urlPath}`,
    ],
    { maxBuffer: 1 << 20 },
  );
  const [firstByte, total, bytes] = stdout.trim().split(' ').map(Number);
  return { firstByte: firstByte * 1000, total, bytes };
}

async function timeExport(port: number, pid: number, urlPath: string) {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  const rssBefore = procStatus(pid).rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, procStatus(pid).rss);
  }, 20);
  try {
    const r = await curl(port, urlPath);
    peak = Math.max(peak, procStatus(pid).hwm);
    return { ...r, rssBefore, peak };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * Starts the catalog stand-in and the backend (on `connection`, a knex
 * config), evaluates, then times each export of the whole portfolio.
 */
export async function benchExports(options: {
  count: number;
  scored: number;
  today: string;
  prefix: string;
  connection: object;
  figure: Figure;
}) {
  const { count, scored, today, prefix, connection, figure } = options;
  const catalog = await forkReady<{ port: number }>('catalogStandIn.ts', [
    String(count),
    today,
  ]);
  let backend: { child: ChildProcess; ready: { port: number } } | undefined;
  try {
    backend = await forkReady<{ port: number; evaluationS: number }>(
      'backendProcess.ts',
      [
        `http://127.0.0.1:${catalog.ready.port}/api/catalog`,
        JSON.stringify(connection),
        today,
      ],
      ['--expose-gc'],
    );
    const pid = backend.child.pid!;
    console.log(
      `# exports: the backend alone in process ${pid}, catalog over HTTP from process ${catalog.child.pid}, read by curl`,
    );
    // The first portfolio request after an evaluation loads the portfolio
    // index (any request, not only exports): timed apart from the exports.
    const warm = await curl(backend.ready.port, '/api/itsec/portfolio/summary');
    figure(`${prefix}.first_request_after_evaluation`, warm.total * 1000, 'ms');
    for (const format of ['csv', 'json', 'oscal']) {
      const { memory } = await request<{ memory: NodeJS.MemoryUsage }>(
        backend.child,
        'gc',
        'memory',
      );
      const r = await timeExport(
        backend.ready.port,
        pid,
        `/api/itsec/portfolio/export?format=${format}`,
      );
      const name = `${prefix}.export_${format}`;
      figure(`${name}.first_byte`, r.firstByte, 'ms', '< 1000 ms');
      figure(`${name}.total`, r.total, 's');
      figure(`${name}.bytes`, r.bytes / 1e6, 'MB');
      figure(`${name}.bytes_per_entity`, r.bytes / scored / 1000, 'KB');
      figure(`${name}.backend_heap_before`, memory.heapUsed / MiB, 'MiB');
      figure(`${name}.backend_rss_before`, r.rssBefore / MiB, 'MiB');
      figure(
        `${name}.backend_rss_peak`,
        r.peak / MiB,
        'MiB',
        format === 'oscal' ? '< 1024 MiB' : undefined,
      );
      if (format === 'oscal') {
        console.log(
          `oscal export ${count} peak rss: ${Math.round(
            r.peak / MiB,
          )} MiB (target < 1024 MiB)`,
        );
      }
    }
  } finally {
    if (backend) {
      const exited = new Promise(r => backend!.child.once('exit', r));
      backend.child.send('stop');
      await exited;
    }
    catalog.child.kill();
  }
}
