import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { makeProfileTemplate } from './firefox';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Firefox profile each launch copies (`makeProfileTemplate`); '' when this run launches no Firefox. */
    firefoxProfileTemplate: string;
  }
}

/** The e2e config's global setup: one Firefox profile template for the run's launches, deleted after it. */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.CENTIME_E2E_BROWSER === 'chromium') {
    project.provide('firefoxProfileTemplate', '');
    return () => undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'centime-ff-template-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await makeProfileTemplate(join(dir, 'profile'));
    project.provide('firefoxProfileTemplate', join(dir, 'profile'));
  } catch (error) {
    // No Firefox (or no Firefox build) here: Chromium's tests run all the same, and a Firefox launch makes its own
    // profile (and says what is missing).
    console.warn(`Firefox profile template not made (${String(error)}): each Firefox launch makes a new profile`);
    project.provide('firefoxProfileTemplate', '');
    remove();
  }
  return remove;
}
