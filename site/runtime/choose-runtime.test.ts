import { describe, expect, test, vi } from 'vitest';
import {
  chooseRuntime,
  LOCAL_NOTICE,
  readRuntimePreference,
  type ChooseRuntimeInput,
} from './choose-runtime.ts';
import { urlWithRuntime } from './page-runtime.ts';
import type { Runtime } from './runtime.ts';
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

describe('chooseRuntime', () => {
  test('a page served by npm start uses its local runner at once, without booting a WebContainer', async () => {
    const boot = vi.fn(never);
    const started = Date.now();
    const choice = await chooseRuntime(input({ bootWebContainer: boot, bootTimeoutMs: 8000 }));
    expect(Date.now() - started).toBeLessThan(100);
    expect(choice.runtime?.kind).toBe('local');
    expect(boot).not.toHaveBeenCalled();
    // A note that says where the code runs; the learner may still try the hosted path.
    expect(choice).toEqual({ runtime: choice.runtime, notice: LOCAL_NOTICE, canTryWebContainer: true });
  });

  test('offers no in-browser try where a WebContainer cannot run', async () => {
    const choice = await chooseRuntime(
      input({ support: { supported: false, reason: 'this page is not cross-origin isolated' } }),
    );
    expect(choice.runtime?.kind).toBe('local');
    expect(choice).toMatchObject({ canTryWebContainer: false });
  });

  test('a page from a static host uses a WebContainer when it boots in time', async () => {
    const progress: string[] = [];
    const choice = await chooseRuntime(
      input({ runnerToken: undefined, onProgress: (m) => progress.push(m) }),
    );
    expect(choice.runtime?.kind).toBe('webcontainer');
    expect(progress.join(' ')).toContain('Booting a WebContainer');
  });

  test('a static page whose WebContainer never boots (offline) says why and how to run the code instead', async () => {
    const choice = await chooseRuntime(input({ runnerToken: undefined, bootWebContainer: never }));
    expect(choice.runtime).toBeUndefined();
    if (choice.runtime) return;
    expect(choice.reason).toContain('did not start within');
    expect(choice.reason).toContain('npm start');
    expect(choice.canUseLocal).toBeUndefined();
  });

  test('a boot that fails outright names the error', async () => {
    const choice = await chooseRuntime(
      input({ runnerToken: undefined, bootWebContainer: () => Promise.reject(new Error('quota exceeded')) }),
    );
    expect(choice.runtime).toBeUndefined();
    if (!choice.runtime) expect(choice.reason).toContain('quota exceeded');
  });

  test('a boot that throws synchronously is reported like a failed one', async () => {
    const choice = await chooseRuntime(
      input({
        runnerToken: undefined,
        bootWebContainer: () => {
          throw new Error('no service worker');
        },
      }),
    );
    if (!choice.runtime) expect(choice.reason).toContain('no service worker');
    else expect.fail('no runtime expected');
  });

  test('explains an unsupported browser on a static page without trying to boot', async () => {
    const boot = vi.fn(never);
    const choice = await chooseRuntime(
      input({
        runnerToken: undefined,
        bootWebContainer: boot,
        support: { supported: false, reason: 'this page is not cross-origin isolated' },
      }),
    );
    expect(boot).not.toHaveBeenCalled();
    if (choice.runtime) expect.fail('no runtime expected');
    expect(choice.reason).toContain('cross-origin isolated');
    expect(choice.reason).toContain('npm start');
  });

  test('?runtime=webcontainer on an npm start page boots one and never falls back, offering the local runner', async () => {
    const created = vi.fn(() => fakeRuntime('local'));
    const choice = await chooseRuntime(
      input({ preference: 'webcontainer', bootWebContainer: never, createLocal: created }),
    );
    expect(created).not.toHaveBeenCalled();
    expect(choice.runtime).toBeUndefined();
    if (choice.runtime) return;
    expect(choice.reason).toContain('?runtime=webcontainer');
    expect(choice.canUseLocal).toBe(true);
    const booted = await chooseRuntime(input({ preference: 'webcontainer' }));
    expect(booted.runtime?.kind).toBe('webcontainer');
  });

  test('?runtime=local uses the local runner without booting a WebContainer', async () => {
    const boot = vi.fn(never);
    const choice = await chooseRuntime(input({ preference: 'local', bootWebContainer: boot }));
    expect(choice.runtime?.kind).toBe('local');
    expect(boot).not.toHaveBeenCalled();
  });

  test('?runtime=local on a page without a runner explains instead of falling back', async () => {
    const choice = await chooseRuntime(input({ preference: 'local', runnerToken: undefined }));
    expect(choice.runtime).toBeUndefined();
    if (!choice.runtime) expect(choice.reason).toContain('not served by one');
  });
});

describe('urlWithRuntime', () => {
  test('sets or removes ?runtime= and keeps the rest of the URL', () => {
    expect(urlWithRuntime('http://localhost:4321/exercises/menu/?x=1#t', 'webcontainer')).toBe(
      'http://localhost:4321/exercises/menu/?x=1&runtime=webcontainer#t',
    );
    expect(urlWithRuntime('http://localhost:4321/exercises/menu/?runtime=webcontainer', 'auto')).toBe(
      'http://localhost:4321/exercises/menu/',
    );
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
