#!/usr/bin/env node
// End-to-end browser tests of appeals-ui against the running stack (service, Keycloak, engine, PostgreSQL,
// Elasticsearch): headless Debian chromium driven by playwright-core, real Keycloak login form.
//   ARBITER_URL (service), ARBITER_KEYCLOAK_URL, CHROMIUM (default /usr/bin/chromium), E2E_ONLY (name filter)
// A scenario that needs endpoints the running service does not describe in /v3/api-docs (the backend of the
// agreed contract is not deployed) is reported as SKIPPED with what is missing; E2E_STRICT=1 fails it instead.
// Screenshots of each main view go to target/screenshots (ARBITER_SCREENSHOTS); results to target/e2e-results.json.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { APP, closeBrowser, launch, SHOTS } from './support.mjs';
import { scenarios } from './scenarios.mjs';

const only = process.env.E2E_ONLY;
const strict = process.env.E2E_STRICT === '1';
const results = [];
const described = new Set();
const docs = await (await fetch(`${APP}/v3/api-docs`)).json();
for (const [path, item] of Object.entries(docs.paths ?? {})) for (const method of Object.keys(item)) described.add(`${method.toUpperCase()} ${path}`);
await launch();
const shared = {};
for (const scenario of scenarios) {
  if (only && !scenario.name.includes(only)) continue;
  const missing = (scenario.needs ?? []).filter((op) => !described.has(op));
  if (missing.length && !strict) {
    console.log(`e2e: ${scenario.name} ... SKIPPED: the service does not offer ${missing.join(', ')}`);
    results.push({ name: scenario.name, ok: true, skipped: true, missing });
    continue;
  }
  const started = Date.now();
  process.stdout.write(`e2e: ${scenario.name} ... `);
  try {
    await scenario.run(shared);
    results.push({ name: scenario.name, ok: true, seconds: (Date.now() - started) / 1000 });
    console.log(`passed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    results.push({ name: scenario.name, ok: false, seconds: (Date.now() - started) / 1000, error: String(error?.message ?? error) });
    console.log(`FAILED (${((Date.now() - started) / 1000).toFixed(1)} s)\n  ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n  ')}`);
  } finally {
    await shared.cleanup?.();
    shared.cleanup = undefined;
  }
}
await closeBrowser();
writeFileSync(resolve(SHOTS, '../e2e-results.json'), JSON.stringify(results, null, 2));
const failed = results.filter((r) => !r.ok);
const skipped = results.filter((r) => r.skipped);
console.log(`e2e: ${results.length - failed.length - skipped.length} passed, ${failed.length} failed, ${skipped.length} skipped; screenshots in ${SHOTS}`);
process.exit(failed.length ? 1 : 0);
