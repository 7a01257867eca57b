import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { TargetName } from './targets';

const SCRIPTS: Record<TargetName, string> = {
  api: path.resolve(__dirname, '../src/index.js'),
  'raw-sql': path.resolve(__dirname, 'baseline-sql.js'),
  'graphql-js': path.resolve(__dirname, 'baseline-graphql.js'),
};

const READY_TIMEOUT_MS = 180_000;
const KEPT_LINES = 40;

/** A port the system says is free now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Clock ticks per second of /proc's CPU times. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** One target served by its own Node.js child process (never by the process that makes the load). */
export class TargetServer {
  private readonly lines: string[] = [];
  private exit: string | null = null;

  private constructor(
    readonly target: TargetName,
    readonly origin: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) this.lines.push(line.slice(0, 500));
      this.lines.splice(0, Math.max(0, this.lines.length - KEPT_LINES));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => {
      this.exit = `exited with ${signal ?? code}`;
    });
  }

  get url(): string {
    return `${this.origin}/graphql`;
  }

  /** Starts the target's server on a free port with `env` and waits until it answers /healthz. */
  static async start(target: TargetName, env: NodeJS.ProcessEnv): Promise<TargetServer> {
    const port = await freePort();
    const child = spawn(process.execPath, [SCRIPTS[target]], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new TargetServer(target, `http://127.0.0.1:${port}`, child);
    await server.ready();
    return server;
  }

  /**
   * User plus system CPU time the process has used, all its threads (the event loop, libuv's
   * pool, the garbage collector, the database driver's), in ms; null where /proc is missing.
   */
  cpuMs(): number | null {
    try {
      const stat = fs.readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the name: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    } catch {
      return null;
    }
  }

  /** Resident memory of the process now, in MB; null where /proc is missing. */
  rssMb(): number | null {
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
      return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
    } catch {
      return null;
    }
  }

  /** What the process said last, for a report of why it failed. */
  output(): string {
    return this.lines.join('\n');
  }

  /** Null while the process runs; how it ended otherwise. */
  exited(): string | null {
    return this.exit;
  }

  private async ready(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.exit) throw new Error(`${this.target} server ${this.exit}:\n${this.output()}`);
      try {
        const res = await fetch(`${this.origin}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    await this.stop();
    throw new Error(`${this.target} server did not answer /healthz within ${READY_TIMEOUT_MS / 1000} s`);
  }

  /** Asks the process to stop (SIGTERM), and kills it when it does not within 10 s. */
  async stop(): Promise<void> {
    if (this.exit) return;
    const ended = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timeout = sleep(10_000).then(() => 'timeout');
    if ((await Promise.race([ended, timeout])) === 'timeout') {
      this.child.kill('SIGKILL');
      await ended;
    }
  }
}
