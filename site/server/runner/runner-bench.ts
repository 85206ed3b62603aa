/**
 * `npm run bench` section: the local runner under load. 20 sessions at once, each creates its
 * workspace, writes the first-server solution, runs the app, sends GET /health and checks, then edits
 * app.js and checks again; half start from a broken app.js and fix it, the others break theirs, so
 * "correct" means the expected pass/error pair. Then one session alone edits and checks 21 times.
 * Loopback only, bounded: one runner on a random port, 2 concurrent checks, 20 sessions.
 */
import { percentile } from '../../../grader/bench/percentile.ts';
import { firstServerSolution, startTestRunner } from './test-server.ts';

const SESSIONS = 20;
const SINGLE_ROUNDS = 21;

export async function run(): Promise<void> {
  const runner = await startTestRunner({ sessionsPerClient: SESSIONS, concurrentChecks: 2 });
  const { call, verb } = runner;
  try {
    const started = performance.now();
    // Each session: run the app, GET /health, check; then edit app.js (a learner's fix) and check
    // again — that second check is where a warm grader pays off, if the session still has one.
    const outcomes = await Promise.all(
      Array.from({ length: SESSIONS }, async (_, index) => {
        const broken = index % 2 === 1;
        const created = await call('POST', '/api/sessions', {
          exercise: 'first-server',
          files: { 'app.js': broken ? 'export default {{{' : firstServerSolution },
        });
        const id = String(created.body.id);
        const events = await runner.events(id);
        let health = broken;
        if (!broken) {
          await verb(id, 'run');
          await events.waitFor((m) => m.type === 'status' && m.state === 'running');
          const reply = await verb(id, 'request', { method: 'GET', path: '/health' });
          health = reply.body.body === '{"status":"ok"}';
        }
        const timed = async () => {
          const checkStarted = performance.now();
          const check = await verb(id, 'check');
          return { latency: performance.now() - checkStarted, status: String(check.body.status) };
        };
        const first = await timed();
        // The broken half fixes its app, the other half breaks it: each second result is known too.
        await call('PUT', `/api/sessions/${id}/files`, {
          path: 'app.js',
          content: broken ? firstServerSolution : 'export default {{{',
        });
        const second = await timed();
        events.socket.close();
        await call('DELETE', `/api/sessions/${id}`);
        const expected = broken ? ['error', 'pass'] : ['pass', 'error'];
        const correct = health && first.status === expected[0] && second.status === expected[1];
        return {
          first: first.latency,
          second: second.latency,
          correct,
          status: `${first.status}/${second.status}`,
        };
      }),
    );
    const correct = outcomes.filter((o) => o.correct).length;
    const figures = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `p50 ${Math.round(percentile(sorted, 50))} ms · p95 ${Math.round(percentile(sorted, 95))} ms · max ${Math.round(sorted.at(-1)!)} ms`;
    };
    console.log(
      `${SESSIONS} sessions at once (run + GET /health + check, edit, check), 2 checks at a time, ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
    );
    console.log(`first check (queue wait included):  ${figures(outcomes.map((o) => o.first))}`);
    console.log(`second check (queue wait included): ${figures(outcomes.map((o) => o.second))}`);
    console.log(
      `correct results: ${correct}/${SESSIONS}${
        correct === SESSIONS
          ? ''
          : ` — wrong: ${outcomes
              .filter((o) => !o.correct)
              .map((o) => o.status)
              .join(', ')}`
      }`,
    );

    // One learner alone: edit, check, twenty times (the warm grader's case).
    const id = String((await call('POST', '/api/sessions', { exercise: 'first-server' })).body.id);
    const single: number[] = [];
    let singleCorrect = 0;
    for (let round = 0; round < SINGLE_ROUNDS; round += 1) {
      const good = round % 2 === 0;
      await call('PUT', `/api/sessions/${id}/files`, {
        path: 'app.js',
        content: good ? firstServerSolution : firstServerSolution.replace("'ok'", "'nope'"),
      });
      const checkStarted = performance.now();
      const check = await verb(id, 'check');
      single.push(performance.now() - checkStarted);
      if (check.body.status === (good ? 'pass' : 'fail')) singleCorrect += 1;
    }
    await call('DELETE', `/api/sessions/${id}`);
    console.log(
      `one session, edit + check x${SINGLE_ROUNDS}: first ${Math.round(single[0]!)} ms, then ${figures(single.slice(1))}, correct ${singleCorrect}/${SINGLE_ROUNDS}`,
    );
  } finally {
    await runner.close();
  }
}
