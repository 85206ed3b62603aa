import { describe, expect, test, vi } from 'vitest';
import {
  chooseRuntime,
  readRuntimePreference,
  type ChooseRuntimeInput,
  type RememberedReason,
  type RuntimeMemory,
} from './choose-runtime.ts';
import { LocalRuntime } from './local-runtime.ts';
import { createRuntimeMemory, REMEMBER_MS } from './page-runtime.ts';
import type { Runtime, Session } from './runtime.ts';
import { detectWebContainerSupport } from './webcontainer-support.ts';

const fakeRuntime = (kind: 'local' | 'webcontainer') =>
  ({ kind, dispose: async () => undefined }) as unknown as Runtime;

function input(overrides: Partial<ChooseRuntimeInput> = {}): ChooseRuntimeInput {
  return {
    preference: 'auto',
    support: { supported: true },
    runnerToken: 'token-1',
    bootWebContainer: async () => fakeRuntime('webcontainer'),
    createLocal: () => fakeRuntime('local'),
    bootTimeoutMs: 50,
    ...overrides,
  };
}

/** A fake WebContainer boot as it behaves offline: WebContainer.boot() never settles. */
const never = () => new Promise<Runtime>(() => undefined);
const bootsAfter = (ms: number) => () =>
  new Promise<Runtime>((resolve) => setTimeout(() => resolve(fakeRuntime('webcontainer')), ms));

function memoryHolding(reason?: RememberedReason): RuntimeMemory & { value: RememberedReason | undefined } {
  return {
    value: reason,
    read() {
      return this.value;
    },
    write(next) {
      this.value = next;
    },
    clear() {
      this.value = undefined;
    },
  };
}

const sessionReply = {
  id: 's1',
  exercise: 'first-server',
  files: { 'app.js': 'starter' },
  editable: ['app.js'],
  allowNewFiles: false,
  tests: {},
};

/** A real LocalRuntime over a fake local runner that records calls; POST /api/sessions may be slow. */
function fakeRunner({ createDelayMs = 0 } = {}) {
  const calls: string[] = [];
  const local = new LocalRuntime({
    token: 'token-1',
    baseUrl: 'http://localhost:4402',
    fetch: async (url, init) => {
      const call = `${init?.method ?? 'GET'} ${new URL(String(url)).pathname}`;
      calls.push(call);
      if (call === 'POST /api/sessions') {
        await new Promise((resolve) => setTimeout(resolve, createDelayMs));
        return new Response(JSON.stringify(sessionReply), { status: 201 });
      }
      return new Response(null, { status: 204 });
    },
    createSocket: () => ({ addEventListener() {}, close() {} }) as unknown as WebSocket,
  });
  const prepareLocal = (runtime: Runtime): Promise<Session> =>
    runtime.open({ exercise: 'first-server', files: { 'app.js': 'mine' } });
  return { local, calls, prepareLocal, createLocal: () => local };
}

describe('chooseRuntime', () => {
  test('uses a WebContainer when it is supported and boots in time', async () => {
    const choice = await chooseRuntime(input());
    expect(choice.runtime?.kind).toBe('webcontainer');
  });

  test('falls back to the local runner within the timeout when boot never settles (offline), saying why', async () => {
    const memory = memoryHolding();
    const started = Date.now();
    const choice = await chooseRuntime(input({ bootWebContainer: never, memory }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(choice.runtime?.kind).toBe('local');
    expect(choice).toMatchObject({
      notice:
        'The in-browser runtime (a WebContainer) did not start within 0 s: it needs an internet connection to StackBlitz. Using the local runner instead.',
      canRetryWebContainer: true,
    });
    expect(memory.value).toBe('timed-out');
  });

  test('prepares the local session while the boot is pending, so the timeout hands over a ready one', async () => {
    const runner = fakeRunner();
    const progress: string[] = [];
    let callsDuringWait: string[] = [];
    const choosing = chooseRuntime(
      input({
        bootWebContainer: never,
        bootTimeoutMs: 200,
        createLocal: runner.createLocal,
        prepareLocal: runner.prepareLocal,
        onProgress: (message) => progress.push(message),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    callsDuringWait = [...runner.calls];
    const choice = await choosing;
    expect(callsDuringWait).toEqual(['POST /api/sessions']);
    expect(progress[0]).toMatch(/^Trying the in-browser runtime \(needs internet\)…/);
    expect(choice.runtime).toBe(runner.local);
    expect(choice.runtime && 'prepared' in choice ? await choice.prepared : undefined).toMatchObject({
      exercise: 'first-server',
    });
    expect(runner.calls).toEqual(['POST /api/sessions']);
  });

  test('"Use the local runner now" ends the wait at once and the choice is remembered', async () => {
    const runner = fakeRunner();
    const memory = memoryHolding();
    const started = Date.now();
    const choice = await chooseRuntime(
      input({
        bootWebContainer: never,
        bootTimeoutMs: 60_000,
        memory,
        createLocal: runner.createLocal,
        prepareLocal: runner.prepareLocal,
        onWaiting: (skip) => setTimeout(skip, 10),
      }),
    );
    expect(Date.now() - started).toBeLessThan(500);
    expect(choice).toMatchObject({
      runtime: runner.local,
      notice: 'You chose not to wait for the in-browser runtime. Using the local runner instead.',
      canRetryWebContainer: true,
    });
    expect(memory.value).toBe('chose-local');
    expect(runner.calls).toEqual(['POST /api/sessions']);
  });

  test('offers no skip when there is no local runner to skip to', async () => {
    const onWaiting = vi.fn();
    await chooseRuntime(input({ runnerToken: undefined, bootWebContainer: never, onWaiting }));
    expect(onWaiting).not.toHaveBeenCalled();
  });

  test('a WebContainer that boots in time wins and the prepared local session is deleted', async () => {
    const runner = fakeRunner();
    const choice = await chooseRuntime(
      input({
        bootWebContainer: bootsAfter(30),
        bootTimeoutMs: 5000,
        createLocal: runner.createLocal,
        prepareLocal: runner.prepareLocal,
      }),
    );
    expect(choice.runtime?.kind).toBe('webcontainer');
    await vi.waitFor(() => expect(runner.calls).toEqual(['POST /api/sessions', 'DELETE /api/sessions/s1']));
  });

  test('a WebContainer that wins while the local session is still being created deletes it once created', async () => {
    const runner = fakeRunner({ createDelayMs: 150 });
    const choice = await chooseRuntime(
      input({
        bootWebContainer: bootsAfter(10),
        bootTimeoutMs: 5000,
        createLocal: runner.createLocal,
        prepareLocal: runner.prepareLocal,
      }),
    );
    expect(choice.runtime?.kind).toBe('webcontainer');
    expect(runner.calls).toEqual(['POST /api/sessions']);
    await vi.waitFor(() => expect(runner.calls).toEqual(['POST /api/sessions', 'DELETE /api/sessions/s1']));
  });

  test.each([
    ['timed-out', /did not start within 8 s on an earlier page: it needs an internet connection/],
    ['chose-local', /You chose the local runner over the in-browser runtime on an earlier page/],
  ] as const)('a remembered "%s" skips the boot and prepares nothing', async (reason, why) => {
    const boot = vi.fn(never);
    const prepareLocal = vi.fn();
    const onWaiting = vi.fn();
    const choice = await chooseRuntime(
      input({
        bootWebContainer: boot,
        bootTimeoutMs: 8000,
        memory: memoryHolding(reason),
        prepareLocal,
        onWaiting,
      }),
    );
    expect(boot).not.toHaveBeenCalled();
    expect(prepareLocal).not.toHaveBeenCalled();
    expect(onWaiting).not.toHaveBeenCalled();
    expect(choice).toMatchObject({ runtime: { kind: 'local' }, notice: expect.stringMatching(why) });
    expect(choice).toMatchObject({ canRetryWebContainer: true });
  });

  test('a remembered timeout is ignored without a local runner, and forgotten when the boot then succeeds', async () => {
    const memory = memoryHolding('timed-out');
    const choice = await chooseRuntime(input({ runnerToken: undefined, memory }));
    expect(choice.runtime?.kind).toBe('webcontainer');
    expect(memory.value).toBeUndefined();
  });

  test('?runtime=webcontainer tries the boot despite a remembered choice, and keeps the choice', async () => {
    const memory = memoryHolding('chose-local');
    const choice = await chooseRuntime(input({ preference: 'webcontainer', memory }));
    expect(choice.runtime?.kind).toBe('webcontainer');
    expect(memory.value).toBe('chose-local');
  });

  test('explains an unsupported browser and uses the local runner', async () => {
    const choice = await chooseRuntime(
      input({ support: { supported: false, reason: 'this browser has no SharedArrayBuffer' } }),
    );
    expect(choice).toMatchObject({
      runtime: { kind: 'local' },
      notice:
        'WebContainers cannot run here: this browser has no SharedArrayBuffer. Using the local runner instead.',
      canRetryWebContainer: false,
    });
  });

  test('explains what to do when neither runtime is available', async () => {
    const choice = await chooseRuntime(
      input({
        runnerToken: undefined,
        support: { supported: false, reason: 'this page is not cross-origin isolated' },
      }),
    );
    expect(choice.runtime).toBeUndefined();
    expect(choice).toMatchObject({ reason: expect.stringContaining('Run `npm start`') });
  });

  test('?runtime=local uses the local runner without booting a WebContainer', async () => {
    const boot = vi.fn(never);
    const choice = await chooseRuntime(input({ preference: 'local', bootWebContainer: boot }));
    expect(boot).not.toHaveBeenCalled();
    expect(choice.runtime?.kind).toBe('local');
  });

  test('?runtime=local on a page without a runner explains instead of falling back', async () => {
    const choice = await chooseRuntime(input({ preference: 'local', runnerToken: undefined }));
    expect(choice).toMatchObject({ runtime: undefined, reason: expect.stringContaining('?runtime=local') });
  });

  test('?runtime=webcontainer never falls back to local and prepares nothing', async () => {
    const prepareLocal = vi.fn();
    const choice = await chooseRuntime(
      input({ preference: 'webcontainer', bootWebContainer: never, prepareLocal }),
    );
    expect(prepareLocal).not.toHaveBeenCalled();
    expect(choice).toMatchObject({
      runtime: undefined,
      reason: expect.stringContaining('?runtime=webcontainer'),
    });
  });

  test('a boot that fails outright falls back with the error in the notice', async () => {
    const choice = await chooseRuntime(
      input({ bootWebContainer: async () => Promise.reject(new Error('Unable to create more instances')) }),
    );
    expect(choice).toMatchObject({
      runtime: { kind: 'local' },
      notice: expect.stringContaining('Unable to create more instances'),
    });
  });
});

describe('createRuntimeMemory', () => {
  function storage(): Storage {
    const items = new Map<string, string>();
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    } as unknown as Storage;
  }

  test('keeps a timed-out boot for a day and a chosen local runner longer, then forgets them', () => {
    const store = storage();
    let now = 1_000_000;
    const memory = createRuntimeMemory(store, () => now);
    memory.write('timed-out');
    now += REMEMBER_MS['timed-out'] - 1;
    expect(memory.read()).toBe('timed-out');
    now += 2;
    expect(memory.read()).toBeUndefined();
    expect(REMEMBER_MS['timed-out']).toBe(24 * 60 * 60 * 1000);

    memory.write('chose-local');
    now += REMEMBER_MS['timed-out'] * 2;
    expect(memory.read()).toBe('chose-local');
    memory.clear();
    expect(memory.read()).toBeUndefined();
  });

  test('reads nothing from a missing, broken or refusing storage', () => {
    expect(createRuntimeMemory(undefined).read()).toBeUndefined();
    const broken = storage();
    broken.setItem('kitchen:runtime-memory', '{not json');
    expect(createRuntimeMemory(broken).read()).toBeUndefined();
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    } as unknown as Storage;
    expect(createRuntimeMemory(refusing).read()).toBeUndefined();
    expect(() => createRuntimeMemory(refusing).write('chose-local')).not.toThrow();
  });
});

describe('readRuntimePreference', () => {
  test('reads ?runtime= and ignores anything else', () => {
    expect(readRuntimePreference('?runtime=local')).toBe('local');
    expect(readRuntimePreference('?runtime=webcontainer')).toBe('webcontainer');
    expect(readRuntimePreference('?runtime=cloud')).toBe('auto');
    expect(readRuntimePreference('')).toBe('auto');
  });
});

describe('detectWebContainerSupport', () => {
  const full = {
    crossOriginIsolated: true,
    SharedArrayBuffer,
    WebAssembly,
    navigator: { serviceWorker: {} },
  };
  test('accepts an isolated page with SharedArrayBuffer, WebAssembly and service workers', () => {
    expect(detectWebContainerSupport(full)).toEqual({ supported: true });
  });
  test('names the missing piece', () => {
    expect(detectWebContainerSupport({ ...full, crossOriginIsolated: false })).toMatchObject({
      supported: false,
      reason: expect.stringContaining('cross-origin isolated'),
    });
    expect(detectWebContainerSupport({ ...full, navigator: {} })).toMatchObject({
      reason: expect.stringContaining('service workers'),
    });
  });
});
