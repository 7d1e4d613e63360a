// lib.mjs — a small runner for browser tests (used by *.test.mjs here).
//
//   import { suite } from './lib.mjs';
//   const t = await suite();          // Chromium, headless, fresh profile
//   await t.test('name', async (page) => { ... t.ok(cond, 'what') ... });
//   await t.finish();                 // prints "N passed, N failed"
//   await axeViolations(page)         // axe-core's WCAG 2.x A/AA and best-practice
//                                     // violations of the page, as short lines
//
// Each test gets a new page; a thrown error or a failed t.ok fails it. The
// browser is /usr/bin/chromium (or $CHROMIUM) launched by playwright-core
// with the flags below and a temporary --user-data-dir, and every request
// to an address other than 127.0.0.1 is aborted and reported as a failure:
// the portal must make no external requests. BROWSER_URL is the site root.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let axeSource = null;   // tests/browser/a11y/node_modules/axe-core, read once

export async function axeViolations(page) {
  if (!axeSource)
    axeSource = readFileSync(join(dirname(fileURLToPath(import.meta.url)),
      'a11y/node_modules/axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => (await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  })).violations.map((x) => `${x.id}: ${x.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`));
}

export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];

export async function suite() {
  const base = process.env.BROWSER_URL;
  if (!base) throw new Error('BROWSER_URL is not set');
  const profile = mkdtempSync(join(tmpdir(), 'motcua-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, args: FLAGS, viewport: { width: 360, height: 740 },
  });
  const outside = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  let passed = 0, failed = 0, skipped = 0, problems = [];
  const t = {
    base,
    url: (path) => new URL(path, base).href,
    ok(cond, what) { if (!cond) problems.push(what); return cond; },
    skip(name, why) { skipped++; console.log(`skip ${name}: ${why}`); },
    // opts.pageErrors: a RegExp of page errors the test expects (a library
    // that leaves a rejected promise unhandled when it refuses input)
    async test(name, fn, opts = {}) {
      problems = [];
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      try {
        await fn(page);
      } catch (e) {
        problems.push(String(e && e.stack || e).split('\n').slice(0, 3).join(' | '));
      }
      for (const e of errors)
        if (!(opts.pageErrors && opts.pageErrors.test(e))) problems.push('page error: ' + e);
      await page.close();
      if (problems.length) {
        failed++;
        console.log(`FAIL ${name}`);
        for (const p of problems) console.log(`  ${p}`);
      } else {
        passed++;
        console.log(`ok   ${name}`);
      }
    },
    async finish() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (outside.length) {
        failed++;
        console.log(`FAIL no request leaves 127.0.0.1\n  ${outside.slice(0, 5).join('\n  ')}`);
      } else {
        passed++;
        console.log('ok   no request leaves 127.0.0.1');
      }
      console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
      process.exit(failed ? 1 : 0);
    },
  };
  return t;
}
