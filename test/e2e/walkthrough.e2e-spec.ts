import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from 'test/support/app';
import { freePort } from 'test/support/process';

const WALKTHROUGH = join(__dirname, '..', '..', 'docs', 'walkthrough.md');

/** A shell block of the walk-through, with the answer printed under it, if any. */
interface Step {
  line: number;
  script: string;
  answer?: unknown;
}

/** The ```sh blocks in order, each with the ```json block that follows it before the next. */
export function stepsOf(markdown: string): Step[] {
  const steps: Step[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let match = fence.exec(markdown); match; match = fence.exec(markdown)) {
    const [, language, body] = match;
    const line = markdown.slice(0, match.index).split('\n').length;
    if (language === 'sh') steps.push({ line, script: body });
    else if (language === 'json' && steps.length > 0 && steps.at(-1)!.answer === undefined) {
      steps.at(-1)!.answer = JSON.parse(body);
    }
  }
  return steps;
}

const ANY = '…';

/**
 * Where `actual` departs from an answer as the walk-through prints it: "…" is any value, an
 * object names only some fields, and an array ending in "…" may go on.
 */
function departure(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (expected === ANY) return actual === undefined ? `${path} is missing` : undefined;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path} is not an array`;
    const open = expected.at(-1) === ANY;
    const items = open ? expected.slice(0, -1) : expected;
    if (open ? actual.length < items.length : actual.length !== items.length) {
      return `${path} has ${actual.length} items, not ${open ? `at least ${items.length}` : items.length}`;
    }
    for (const [i, item] of items.entries()) {
      const found = departure(item, actual[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${path} is not an object`;
    for (const [key, value] of Object.entries(expected)) {
      const found = departure(value, (actual as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return expected === actual
    ? undefined
    : `${path} is ${JSON.stringify(actual)}, not ${JSON.stringify(expected)}`;
}

/** One bash, as a reader's terminal: variables and functions of a block stay for the next. */
class Terminal {
  private readonly bash: ChildProcessWithoutNullStreams;
  private out = '';
  private err = '';
  private step = 0;

  constructor(env: NodeJS.ProcessEnv) {
    this.bash = spawn('bash', ['--noprofile', '--norc'], { env });
    this.bash.stdout.on('data', (chunk: Buffer) => (this.out += chunk.toString()));
    this.bash.stderr.on('data', (chunk: Buffer) => (this.err += chunk.toString()));
  }

  /** Runs a block; resolves with what it printed once it has ended. */
  async run(script: string): Promise<{ printed: string; errors: string }> {
    const done = `__walkthrough_step_${++this.step}__`;
    this.out = '';
    this.err = '';
    this.bash.stdin.write(`${script}\necho; echo ${done}\n`);
    while (!this.out.includes(`${done}\n`)) {
      if (this.bash.exitCode !== null) throw new Error(`bash ended: ${this.err}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return { printed: this.out.slice(0, this.out.indexOf(done)), errors: this.err };
  }

  close(): void {
    this.bash.stdin.end();
  }
}

const lastJsonOf = (printed: string): unknown => {
  const lines = printed.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return undefined;
  try {
    return JSON.parse(lines.at(-1)!);
  } catch {
    return lines.at(-1);
  }
};

const hasCommand = (command: string) =>
  spawnSync('bash', ['-c', `command -v ${command}`]).status === 0;

describe('the walk-through in docs/walkthrough.md, run as a reader runs it', () => {
  let t: TestApp;
  let baseUrl: string;
  let home: string;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    t = await createTestApp({ settings: { publicBaseUrl: baseUrl } });
    await t.app.listen(port, '127.0.0.1');
    home = await mkdtemp(join(tmpdir(), 'guildhall-walkthrough-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(home, { recursive: true, force: true });
  });

  it('needs only bash, curl and jq, which a reader has', () => {
    for (const command of ['curl', 'jq'])
      expect({ command, found: hasCommand(command) }).toEqual({ command, found: true });
  });

  it('answers every block as the page shows', async () => {
    const steps = stepsOf(readFileSync(WALKTHROUGH, 'utf8'));
    expect(steps.length).toBeGreaterThan(10);
    // The first block says where Guildhall runs and who signs in: here, the test's app.
    expect(steps[0].script).toMatch(/^export GH=http:\/\/localhost:3000 ADMIN_EMAIL=/);
    const terminal = new Terminal({
      PATH: process.env.PATH,
      HOME: home,
      TMPDIR: home,
      LANG: 'C.UTF-8',
    });
    try {
      await terminal.run(
        `export GH=${baseUrl} ADMIN_EMAIL='${ADMIN_EMAIL}' ADMIN_PASSWORD='${ADMIN_PASSWORD}'`,
      );
      for (const step of steps.slice(1)) {
        const { printed, errors } = await terminal.run(step.script);
        if (step.answer === undefined) continue;
        const departs = departure(step.answer, lastJsonOf(printed));
        // On a failure, what was printed shows beside where it departs.
        expect({
          line: step.line,
          departs,
          errors,
          ...(departs && { printed: printed.slice(-3_000) }),
        }).toEqual({
          line: step.line,
          departs: undefined,
          errors: '',
        });
      }
    } finally {
      terminal.close();
    }
  });
});
