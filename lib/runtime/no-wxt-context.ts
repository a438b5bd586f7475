/**
 * Stands in for WXT's ContentScriptContext in the builds of Centime's content scripts (wxt.config.ts): their
 * `main` ignores WXT's context and builds its own (`pageContext`), so WXT's, which would cost every platform page
 * ~1.2 kB gzipped and post a message the page can read, is neither bundled nor started.
 */
export class ContentScriptContext {}
