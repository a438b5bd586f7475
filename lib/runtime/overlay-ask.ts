import { browser } from 'wxt/browser';
import type { OverlayAsk } from './overlay-message';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, parent: Node): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = cls;
  parent.appendChild(node);
  return node;
}

/**
 * The overlay's question when the task's page gave no reward (issue 19): it says in words that the task is timed
 * but its reward could not be read, with a field to type it. The background reads what is typed (as the manual
 * timer's reward: `readReward`) and answers why it is no amount; once saved, it sends a view that no longer asks,
 * and the form goes. Shown while collapsed too: it is what the worker most needs to see.
 */
export function askForm(box: HTMLElement, ask: OverlayAsk): HTMLFormElement {
  const form = el('form', 'ask', box);
  el('p', 'note', form).textContent = ask.note;
  const label = el('label', '', form);
  label.textContent = ask.label;
  const input = el('input', '', label);
  input.inputMode = 'decimal';
  el('button', '', form).textContent = ask.save;
  const problem = el('p', 'problem', form);
  problem.setAttribute('role', 'alert');
  // The page's own keyboard shortcuts must not take what is typed here.
  form.addEventListener('keydown', (e) => e.stopPropagation());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const payload = { platform: ask.platform, taskId: ask.taskId, text: input.value };
    void browser.runtime.sendMessage({ type: 'cs-bg-task-reward', payload }).then((reply: { data?: { problem?: string | null } } | undefined) => {
      problem.textContent = reply?.data?.problem ?? '';
    });
  });
  return form;
}
