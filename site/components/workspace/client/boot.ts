/**
 * The only workspace code in the page's first download: it waits until the instructions have painted
 * and the browser is idle, then lets the editor load. The learner can read before any editor arrives.
 */
export function whenIdleAndVisible(start: () => void): void {
  const go = () => {
    if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 300 });
    else setTimeout(start, 50);
  };
  // Two animation frames after load: the first paint of the instructions has happened.
  const afterPaint = () => requestAnimationFrame(() => requestAnimationFrame(go));
  if (document.readyState === 'complete') afterPaint();
  else addEventListener('load', afterPaint, { once: true });
}
