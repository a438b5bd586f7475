import type { OverlayPlace } from './overlay-message';

/**
 * Moves the overlay with the pointer, or with the arrow keys when its bar has focus, kept inside the window:
 * `move(place, false)` while it moves, `move(place, true)` where it stops (to be remembered).
 */
export function dragPlace(handle: HTMLElement, place: () => OverlayPlace, move: (place: OverlayPlace, done: boolean) => void): void {
  const clamp = (v: number, max: number) => Math.max(0, Math.min(v, Math.max(0, max - 40)));
  handle.addEventListener('pointerdown', (down) => {
    if (down.target !== handle && (down.target as HTMLElement).tagName !== 'SPAN') return;
    const start = place();
    let last = start;
    handle.setPointerCapture(down.pointerId);
    const onMove = (e: PointerEvent) => {
      last = { ...start, x: clamp(start.x - (e.clientX - down.clientX), innerWidth), y: clamp(start.y - (e.clientY - down.clientY), innerHeight) };
      move(last, false);
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener(
      'pointerup',
      () => {
        handle.removeEventListener('pointermove', onMove);
        move(last, true);
      },
      { once: true },
    );
  });
  handle.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 40 : 10;
    const d = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[e.key];
    if (!d) return;
    e.preventDefault();
    const p = place();
    move({ ...p, x: clamp(p.x + d[0]!, innerWidth), y: clamp(p.y + d[1]!, innerHeight) }, true);
  });
}
