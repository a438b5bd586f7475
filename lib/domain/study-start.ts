import { isBrowserOrExtensionPage, type TabInfo, type ViewedStudy } from './attention';

/**
 * The studies only looked at whose survey has opened (DESIGN.md, Attention: a study is a task "once the worker
 * starts it (opens its survey from it …)"): an ordinary tab whose opener chain reaches the study's tab, opened
 * after the study was first seen there. Opening is the start, whether or not the survey comes to the front, the
 * window has focus or a manual timer runs: its maximum time runs from then. Each comes with the tab it opened
 * in. Pure, like `frontTask`.
 */
export function studiesOpened(tabs: readonly TabInfo[], viewed: readonly ViewedStudy[], extensionOrigin: string): { taskKey: string; tabId: number }[] {
  const byId = new Map<number, TabInfo>();
  for (const tab of tabs) if (!byId.has(tab.id)) byId.set(tab.id, tab);
  const studyIn = new Map<number, ViewedStudy>();
  for (const study of viewed) if (!studyIn.has(study.tabId)) studyIn.set(study.tabId, study);
  const opened = new Map<number, string>();
  for (const tab of tabs) {
    if (tab.taskKey || tab.platformPage || isBrowserOrExtensionPage(tab.url, extensionOrigin)) continue;
    // Climb to the first ancestor with a page of its own (a task or a platform page), through browser pages.
    const seen = new Set<number>([tab.id]);
    for (let child = tab, id = tab.openerTabId; id !== undefined && !seen.has(id); ) {
      seen.add(id);
      const ancestor = byId.get(id);
      if (!ancestor) break;
      if (ancestor.taskKey || ancestor.platformPage) {
        const study = studyIn.get(ancestor.id);
        if (study && !study.openedBefore.includes(child.id)) opened.set(tab.id, study.taskKey);
        break;
      }
      child = ancestor;
      id = ancestor.openerTabId;
    }
  }
  return [...opened].map(([tabId, taskKey]) => ({ taskKey, tabId }));
}
