/**
 * `npm run bench` section: what the bubblewrap sandbox costs. The same session flow with the sandbox
 * on and off (KITCHEN_SANDBOX=off): Run until the app listens, a cold check (a new session's first),
 * and warm checks (the same session again). Prints p50s, the ratio and the machine's load (the
 * figures mean little on a busy machine); asserts nothing. Issue 10 wants a check within 1.3×.
 */
import { availableParallelism, loadavg } from 'node:os';
import { percentile } from '../../../grader/bench/percentile.ts';
import { detectBubblewrap, resetBubblewrapProbe } from './bubblewrap.ts';
import { firstServerSolution, startTestRunner } from './test-server.ts';

const COLD = 5;
const WARM = 20;
const RUNS = 5;
/** Issue 10: a check with the sandbox costs at most this many times the same check without it. */
const CHECK_RATIO_BOUND = 1.3;

interface Figures {
  runReady: number[];
  cold: number[];
  warm: number[];
}

type Mode = 'sandbox' | 'without';

/** Chooses the mode for the next learner process: the runner asks at every launch. */
function use(mode: Mode): void {
  if (mode === 'without') process.env.KITCHEN_SANDBOX = 'off';
  else delete process.env.KITCHEN_SANDBOX;
  resetBubblewrapProbe();
}

/** Samples alternate between the modes, so a load that comes and goes weighs on both alike. */
async function measure(): Promise<Record<Mode, Figures>> {
  const runner = await startTestRunner({ sessionsPerClient: 20 });
  const { call, verb } = runner;
  const figures: Record<Mode, Figures> = {
    sandbox: { runReady: [], cold: [], warm: [] },
    without: { runReady: [], cold: [], warm: [] },
  };
  const modes: Mode[] = ['sandbox', 'without'];
  try {
    const newSession = () => runner.createSession({ 'app.js': firstServerSolution });
    const timedCheck = async (id: string) => {
      const started = performance.now();
      const result = (await verb(id, 'check')).body;
      if (result.status !== 'pass')
        throw new Error(`The bench's check did not pass: ${JSON.stringify(result)}`);
      return performance.now() - started;
    };
    for (let i = 0; i < RUNS; i += 1) {
      for (const mode of modes) {
        use(mode);
        const id = await newSession();
        const events = await runner.events(id);
        const started = performance.now();
        await verb(id, 'run');
        await events.waitFor((m) => m.type === 'status' && m.state === 'running');
        figures[mode].runReady.push(performance.now() - started);
        events.socket.close();
        await call('DELETE', `/api/sessions/${id}`);
      }
    }
    for (let i = 0; i < COLD; i += 1) {
      for (const mode of modes) {
        use(mode);
        const id = await newSession();
        figures[mode].cold.push(await timedCheck(id));
        await call('DELETE', `/api/sessions/${id}`);
      }
    }
    // One warm session per mode, each started in its mode; their checks take turns.
    const warm: Record<Mode, string> = { sandbox: '', without: '' };
    for (const mode of modes) {
      use(mode);
      warm[mode] = await newSession();
      await timedCheck(warm[mode]);
    }
    for (let i = 0; i < WARM; i += 1)
      for (const mode of modes) figures[mode].warm.push(await timedCheck(warm[mode]));
    for (const mode of modes) await call('DELETE', `/api/sessions/${warm[mode]}`);
  } finally {
    await runner.close();
  }
  return figures;
}

const p50 = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export async function run(): Promise<void> {
  const before = process.env.KITCHEN_SANDBOX;
  resetBubblewrapProbe();
  const status = detectBubblewrap();
  if (!status.available) {
    console.log(`(no sandbox to measure: ${status.reason})`);
    return;
  }
  const load = loadavg()[0]!.toFixed(2);
  let figures: Record<Mode, Figures>;
  try {
    figures = await measure();
  } finally {
    if (before === undefined) delete process.env.KITCHEN_SANDBOX;
    else process.env.KITCHEN_SANDBOX = before;
    resetBubblewrapProbe();
  }
  const { sandbox: on, without: off } = figures;
  const row = (label: string, a: number[], b: number[], bound?: number) => {
    const ratio = p50(a) / p50(b);
    const verdict = bound === undefined ? '' : ratio <= bound ? ` (within ${bound}×)` : ` (OVER ${bound}×)`;
    console.log(
      `${label.padEnd(26)} sandbox ${Math.round(p50(a))} ms · without ${Math.round(p50(b))} ms · ratio ${ratio.toFixed(2)}×${verdict}`,
    );
  };
  console.log(
    `first-server solution; p50 of ${RUNS} runs, ${COLD} cold checks, ${WARM} warm checks per mode, taking turns; ` +
      `load average ${load}, ${loadavg()[0]!.toFixed(2)} after (${availableParallelism()} CPUs)`,
  );
  row('Run until listening', on.runReady, off.runReady);
  row('cold check', on.cold, off.cold, CHECK_RATIO_BOUND);
  row('warm check', on.warm, off.warm, CHECK_RATIO_BOUND);
}
