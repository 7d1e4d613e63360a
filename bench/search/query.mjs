// query.mjs BASE Q1 Q2 [ENGINE] — bytes and time of a first and a second search in
// Chromium, for motcua (/tim-kiem/?q=) and Pagefind (/pagefind-bench.html?q=,
// which runs pagefind.search and loads the data of the first 10 results,
// what a page of results shows). Each engine gets a fresh profile (cold
// cache); the second query runs in the same profile (warm). Bytes are what
// crossed the network (Playwright's request sizes: compressed bodies plus
// headers, for the page and its workers), split into "all" (page, CSS, script, index) and "index"
// (files under tim-kiem/index/ or pagefind/ other than the script itself).
// Prints one TSV line per engine and query:
//   engine  query  which(first|second)  all_bytes  index_bytes  ms  results
import { chromium } from '../../tests/browser/node_modules/playwright-core/index.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, q1, q2, only] = process.argv.slice(2);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const engines = {
  motcua: { url: (q) => `${base}tim-kiem/?q=${encodeURIComponent(q)}`, done: '#search[data-state]',
    count: () => document.querySelectorAll('#search-list li').length && document.getElementById('search-status').textContent,
    index: (u) => u.includes('/tim-kiem/index/') },
  pagefind: { url: (q) => `${base}pagefind-bench.html?q=${encodeURIComponent(q)}`, done: 'body[data-state]',
    count: () => document.body.dataset.count,
    index: (u) => u.includes('/pagefind/') && !u.endsWith('pagefind.js') },
};

for (const [name, e] of Object.entries(engines)) {
  if (only && only !== name) continue;
  const profile = mkdtempSync(join(tmpdir(), 'motcua-bench-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS });
  await ctx.route('**/*', (r) => new URL(r.request().url()).hostname === '127.0.0.1' ? r.continue() : r.abort());
  const page = await ctx.newPage();
  let all = 0, index = 0;
  ctx.on('requestfinished', async (req) => {  // page and worker requests alike
    const sz = await req.sizes().catch(() => null);
    if (!sz) return;
    const n = sz.responseBodySize + sz.responseHeadersSize;
    all += n;
    if (e.index(req.url())) index += n;
  });
  for (const [which, q] of [['first', q1], ['second', q2]]) {
    all = index = 0;
    const t0 = Date.now();
    await page.goto(e.url(q));
    await page.waitForSelector(e.done, { state: 'attached', timeout: 120000 });
    const ms = Date.now() - t0;
    await page.waitForTimeout(200); // late loadingFinished events
    const count = await page.evaluate(e.count);
    console.log([name, q, which, all, index, ms, String(count).replace(/\s+/g, ' ')].join('\t'));
  }
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
