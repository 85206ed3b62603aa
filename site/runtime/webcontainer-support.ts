/**
 * Can this browser run a WebContainer at all? It needs cross-origin isolation (SharedArrayBuffer),
 * WebAssembly and service workers; without them boot() fails or hangs, so we ask before trying.
 */
export type Support = { supported: true } | { supported: false; reason: string };

export interface SupportEnvironment {
  crossOriginIsolated?: boolean;
  SharedArrayBuffer?: unknown;
  WebAssembly?: unknown;
  navigator?: { serviceWorker?: unknown; userAgent?: string };
}

export function detectWebContainerSupport(
  env: SupportEnvironment = globalThis as SupportEnvironment,
): Support {
  if (!env.crossOriginIsolated) {
    return {
      supported: false,
      reason:
        'this page is not cross-origin isolated (the server must send Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers)',
    };
  }
  if (typeof env.SharedArrayBuffer !== 'function') {
    return { supported: false, reason: 'this browser has no SharedArrayBuffer' };
  }
  if (typeof env.WebAssembly !== 'object' || env.WebAssembly === null) {
    return { supported: false, reason: 'this browser has no WebAssembly' };
  }
  if (!env.navigator?.serviceWorker) {
    return {
      supported: false,
      reason: 'this browser offers no service workers here (private windows often disable them)',
    };
  }
  return { supported: true };
}
