import { listenForOverlay } from '@/lib/runtime/overlay-listen';

/**
 * The live overlay for task pages whose own script does not carry it (Prolific's, custom sites'), injected by the
 * background into a task tab that shows it (`lib/background/overlay.ts`, `scripting.executeScript({ files })`):
 * never a content script nor a web-accessible chunk, so other pages neither carry it nor can detect it. The
 * background's `bg-cs-overlay` messages drive it.
 */
export default defineUnlistedScript(listenForOverlay);
