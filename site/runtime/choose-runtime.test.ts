import { describe, expect, test, vi } from 'vitest';
import { chooseRuntime, readRuntimePreference, type ChooseRuntimeInput } from './choose-runtime.ts';
import type { Runtime } from './runtime.ts';
import { detectWebContainerSupport } from './webcontainer-support.ts';

const fakeRuntime = (kind: 'local' | 'webcontainer') => ({ kind }) as unknown as Runtime;

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

const never = () => new Promise<Runtime>(() => undefined);

describe('chooseRuntime', () => {
  test('uses a WebContainer when it is supported and boots in time', async () => {
    const choice = await chooseRuntime(input());
    expect(choice.runtime?.kind).toBe('webcontainer');
  });

  test('falls back to the local runner within the timeout when boot never settles (offline), saying why', async () => {
    const remember = vi.fn();
    const started = Date.now();
    const choice = await chooseRuntime(input({ bootWebContainer: never, rememberTimeout: remember }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(choice.runtime?.kind).toBe('local');
    expect(choice).toMatchObject({
      notice:
        'The WebContainer did not start within 0 s: it needs an internet connection to StackBlitz. Using the local runner instead.',
    });
    expect(remember).toHaveBeenCalledOnce();
  });

  test('skips the boot when a recent one timed out and the page has a local runner', async () => {
    const boot = vi.fn(never);
    const choice = await chooseRuntime(input({ bootWebContainer: boot, recentlyTimedOut: () => true }));
    expect(boot).not.toHaveBeenCalled();
    expect(choice.runtime?.kind).toBe('local');
  });

  test('explains an unsupported browser and uses the local runner', async () => {
    const choice = await chooseRuntime(
      input({ support: { supported: false, reason: 'this browser has no SharedArrayBuffer' } }),
    );
    expect(choice).toMatchObject({
      runtime: { kind: 'local' },
      notice:
        'WebContainers cannot run here: this browser has no SharedArrayBuffer. Using the local runner instead.',
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

  test('?runtime=webcontainer never falls back to local', async () => {
    const choice = await chooseRuntime(input({ preference: 'webcontainer', bootWebContainer: never }));
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
