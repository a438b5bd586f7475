import { createHandlers } from '@/lib/background/handlers';
import { createRouter } from '@/lib/background/router';

export default defineBackground(() => {
  const route = createRouter(createHandlers(), {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  });
  // Listeners are registered synchronously at start-up so that a message that wakes the worker is handled.
  browser.runtime.onMessage.addListener((message: unknown, sender) => route(message, sender));
});
