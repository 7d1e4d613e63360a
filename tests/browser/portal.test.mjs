// portal.test.mjs — issue 17, items 3, 4 and 5, as a citizen meets them on
// a 360x740 phone (run by tests/cli/test_browser_portal.sh, which builds a
// copy of the example site with two current alerts: the emergency ends on
// LATER, the urgent one on SOON; SITE_DIR is the folder nginx serves and
// NEWER_ALERTS the /canh-bao.json of a later build with one more alert).
import { suite, axeViolations } from './lib.mjs';
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

const site = process.env.SITE_DIR;
const soonEnd = new Date(`${process.env.SOON}T23:59:59+07:00`).getTime();
const laterEnd = new Date(`${process.env.LATER}T23:59:59+07:00`).getTime();
const t = await suite();
const DAY = 86400000;

// What the banner shows: [{level, badge, title, href, instruction, icon}]
function banner(page) {
  return page.evaluate(() => {
    const b = document.getElementById('canh-bao');
    if (!b || b.hidden) return [];
    return [...b.querySelectorAll('ul > li')].map((li) => ({
      level: li.className.replace(/.*alert-/, ''),
      badge: li.querySelector('.badge').textContent,
      title: li.querySelector('a').textContent,
      href: li.querySelector('a').getAttribute('href'),
      instruction: (li.querySelector('.instruction') || {}).textContent || '',
      icon: !!li.querySelector('svg.alert-icon[aria-hidden="true"]'),
      visible: li.getBoundingClientRect().height > 0,
      elements: li.querySelectorAll('b, script').length,
    }));
  });
}

// ---- item 3: alerts ----

await t.test('the banner shows the emergency first, then the urgent one, each with icon, word and instruction', async (page) => {
  await page.goto(t.url(''));
  const b = await banner(page);
  t.ok(b.length === 2, `2 alerts, got ${JSON.stringify(b)}`);
  if (b.length !== 2) return;
  t.ok(b[0].level === 'emergency' && b[1].level === 'urgent', 'emergency first');
  t.ok(b[0].badge !== b[1].badge, `the two levels have different words: ${b[0].badge} / ${b[1].badge}`);
  t.ok(b[0].icon && b[1].icon, 'each has its icon, hidden from screen readers');
  t.ok(b[0].instruction.startsWith('Chằng chống nhà cửa') && b[1].instruction.startsWith('Trữ nước'),
    `the instruction sentences: ${b[0].instruction} / ${b[1].instruction}`);
  t.ok(b.every((a) => a.visible), 'both visible');
  const top = await page.evaluate(() => document.querySelector('#canh-bao li').getBoundingClientRect().top);
  t.ok(top < 740, `the first alert starts on the first screen (top ${top})`);
});

await t.test('banner colours: their own, not the header\'s red, and every text passes WCAG AA contrast', async (page) => {
  await page.goto(t.url(''));
  const r = await page.evaluate(() => {
    const rgb = (s) => s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
    const lum = (c) => {
      const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const bg = (el) => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor; if (!/rgba\(.*, 0\)$/.test(c) && c !== 'transparent') return rgb(c); } return [255, 255, 255]; };
    const out = { header: bg(document.querySelector('.site-header')), levels: {} };
    for (const li of document.querySelectorAll('#canh-bao li')) {
      const level = li.className.replace(/.*alert-/, '');
      const pairs = {};
      for (const [name, el] of [['text', li], ['link', li.querySelector('a')], ['badge', li.querySelector('.badge')],
        ['instruction', li.querySelector('.instruction')], ['until', li.querySelector('.until')]])
        if (el) pairs[name] = ratio(rgb(getComputedStyle(el).color), bg(el));
      out.levels[level] = { bg: bg(li), pairs };
    }
    return out;
  });
  const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  const e = r.levels.emergency, u = r.levels.urgent;
  t.ok(e && u, 'both levels shown');
  if (!e || !u) return;
  t.ok(dist(e.bg, r.header) > 100 && dist(u.bg, r.header) > 100,
    `banner backgrounds ${e.bg} and ${u.bg} are far from the header's ${r.header}`);
  t.ok(dist(e.bg, u.bg) > 100, `emergency ${e.bg} and urgent ${u.bg} look different`);
  for (const [level, v] of Object.entries(r.levels))
    for (const [name, c] of Object.entries(v.pairs))
      t.ok(c >= 4.5, `${level} ${name}: contrast ${c.toFixed(2)} < 4.5`);
  console.log(`# contrast: ${Object.entries(r.levels).map(([l, v]) => `${l} ` +
    Object.entries(v.pairs).map(([n, c]) => `${n} ${c.toFixed(1)}`).join(' ')).join('; ')}`);
});

await t.test('a new alert appears on a page built before it, from the new /canh-bao.json', async (page) => {
  const served = join(site, 'canh-bao.json');
  const html = readFileSync(join(site, 'gioi-thieu/index.html'), 'utf8');
  const old = readFileSync(served);
  copyFileSync(process.env.NEWER_ALERTS, served);
  try {
    t.ok(!html.includes('Lũ quét'), 'the page itself was not rebuilt');
    await page.goto(t.url('gioi-thieu/'));
    await page.waitForFunction(() => document.querySelectorAll('#canh-bao li').length === 3);
    const b = await banner(page);
    const n = b.find((a) => a.title.includes('Lũ quét'));
    t.ok(n && n.level === 'emergency' && n.href === '/thong-bao/lu-quet/', `the new alert is shown: ${JSON.stringify(n)}`);
    t.ok(n && n.title === 'Lũ quét <b>xã</b> & sạt lở đất' && n.elements === 0,
      'its title and instruction are text, not HTML');
    t.ok(n && n.instruction === 'Di chuyển ngay lên vùng cao, tránh xa sông suối <script>', 'with its instruction');
    const v = await axeViolations(page);
    t.ok(v.length === 0, 'axe with the added alert: ' + v.join(' | '));
  } finally {
    writeFileSync(served, old);
  }
});

// ---- item 4: English ----

// Every page of the site: the sitemap's, the English ones and /phat-thanh/.
async function allPages(page) {
  await page.goto(t.url('sitemap.xml'));
  const xml = await page.evaluate(() => document.documentElement.outerHTML);
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  return [...new Set([...locs, '/en/', '/en/gioi-thieu/', '/en/lien-he/', '/en/trung-tam-phuc-vu-hanh-chinh-cong/'])];
}

await t.test('/en/ pages link only English pages, or say "(tiếng Việt)"', async (page) => {
  const seen = new Set(['/en/']), todo = ['/en/'];
  let checked = 0;
  while (todo.length) {
    const path = todo.shift();
    await page.goto(t.url(path.slice(1)));
    t.ok(await page.evaluate(() => document.documentElement.lang === 'en'), `${path}: lang="en"`);
    const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')]
      .filter((a) => !a.closest('template'))
      .map((a) => ({ href: a.href, text: a.textContent.replace(/\s+/g, ' ').trim(),
        sw: !!a.closest('.lang-switch'), hreflang: a.getAttribute('hreflang') })));
    for (const l of links) {
      const u = new URL(l.href);
      if (u.origin !== new URL(t.base).origin || u.pathname === new URL(path, t.base).pathname) continue;
      checked++;
      if (u.pathname.startsWith('/en/')) {
        if (!seen.has(u.pathname) && !/\.\w+$/.test(u.pathname)) { seen.add(u.pathname); todo.push(u.pathname); }
        continue;
      }
      t.ok(l.text.includes('(tiếng Việt)') || (l.sw && l.hreflang === 'vi'),
        `${path}: the link "${l.text}" to ${u.pathname} leads to Vietnamese without saying so`);
    }
  }
  t.ok(seen.size >= 4 && checked > 20, `crawled ${seen.size} English pages, ${checked} links`);
});

await t.test('the English menus lead to the English pages where they exist', async (page) => {
  await page.goto(t.url('en/gioi-thieu/'));
  const nav = await page.evaluate(() => [...document.querySelectorAll('.site-nav a')].map((a) => [a.textContent.trim(), a.pathname]));
  t.ok(nav.some(([n, u]) => n === 'About us' && u === '/en/gioi-thieu/'), JSON.stringify(nav));
  t.ok(nav.some(([n, u]) => n === 'Contact' && u === '/en/lien-he/'), 'Contact goes to /en/lien-he/');
  t.ok(nav.some(([n, u]) => n.startsWith('Procedures') && n.endsWith('(tiếng Việt)') && u === '/thu-tuc/'),
    'Procedures says it is Vietnamese');
  t.ok(await page.evaluate(() => document.querySelector('.site-title a').pathname === '/en/'), 'the site title leads to /en/');
  t.ok(await page.evaluate(() => [...document.querySelectorAll('.breadcrumb a')][0].pathname === '/en/'), 'the breadcrumb starts at /en/');
});

await t.test('every page has a language switch in its header that leads to its translation', async (page) => {
  const pages = await allPages(page);
  let n = 0;
  for (const path of pages) {
    const r = await page.goto(t.url(path.slice(1)));
    if (!r || r.status() !== 200) { t.ok(false, `${path}: status ${r && r.status()}`); continue; }
    const s = await page.evaluate(() => {
      const a = document.querySelector('header .lang-switch a[hreflang]');
      const alt = [...document.querySelectorAll('link[rel="alternate"][hreflang]')]
        .find((l) => l.hreflang !== document.documentElement.lang);
      return { lang: document.documentElement.lang, href: a && a.pathname, hreflang: a && a.hreflang,
        alt: alt && new URL(alt.href).pathname };
    });
    n++;
    t.ok(s.href, `${path}: no language switch`);
    if (!s.href) continue;
    const want = s.alt || (s.lang === 'en' ? '/' : '/en/');
    t.ok(s.href === want && s.hreflang !== s.lang, `${path}: switch to ${s.href} (${s.hreflang}), want ${want}`);
    if (s.alt) {   // and the translation switches back
      await page.goto(t.url(s.href.slice(1)));
      const back = await page.evaluate(() => (document.querySelector('header .lang-switch a') || {}).pathname);
      t.ok(back === path, `${s.href} switches back to ${back}, want ${path}`);
    }
  }
  t.ok(n > 40, `${n} pages checked`);
});

await t.test('the English search placeholder finds results', async (page) => {
  await page.goto(t.url('en/'));
  const ph = await page.getAttribute('header input[type="search"]', 'placeholder');
  const q = ph.replace(/^e\.g\.\s*/, '');
  t.ok(q && q !== ph, `placeholder "${ph}" gives an example`);
  await page.fill('header input[type="search"]', q);
  await page.press('header input[type="search"]', 'Enter');
  await page.waitForSelector('#search[data-state="done"]', { timeout: 10000 });
  const first = await page.evaluate(() => { const a = document.querySelector('#search-list a'); return a && a.pathname; });
  t.ok(first === '/thu-tuc/dang-ky-khai-sinh/', `"${q}" finds ${first}`);
});

// ---- item 5: announcements for citizens ----

await t.test('/thong-bao/ has no playlist, timetable or CAP links; /phat-thanh/ has them', async (page) => {
  await page.goto(t.url('thong-bao/'));
  const l = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => [a.pathname, a.textContent]));
  const bad = l.filter(([u, x]) => /\.m3u8$|\/phat-thanh\/.+|\/cap\/|\.xml$/.test(u) && !/\/(atom|rss|podcast)\.xml$/.test(u) || /CAP/.test(x));
  t.ok(bad.length === 0, `citizens' list links: ${JSON.stringify(bad.slice(0, 3))}`);
  const bytes = Buffer.byteLength(await page.content());
  console.log(`# /thong-bao/: ${l.length} links, ${bytes} bytes`);
  t.ok(l.some(([u]) => u === '/phat-thanh/'), 'one link to the operators\' page');
  await page.goto(t.url('phat-thanh/'));
  t.ok(await page.evaluate(() => document.querySelectorAll('a[href$=".m3u8"]').length > 0), '/phat-thanh/ lists the playlists');
  await page.goto(t.url('thong-bao/tin-bao-khan-cap-con-bao-so-9/'));
  t.ok(await page.evaluate(() => ![...document.querySelectorAll('a')].some((a) => /CAP|cap\+xml/.test(a.textContent + a.type))),
    'the announcement page shows no CAP link');
});

await t.test('the player plays the web version; the loudspeaker file is a download', async (page) => {
  await page.goto(t.url('thong-bao/tin-bao-khan-cap-con-bao-so-9/'));
  const r = await page.evaluate(async () => {
    const a = document.querySelector('audio');
    if (!a) return null;
    a.load();
    await new Promise((ok) => { a.addEventListener('loadedmetadata', ok, { once: true }); a.addEventListener('error', ok, { once: true }); setTimeout(ok, 5000); });
    const dl = document.querySelector('a[download]');
    return { src: a.currentSrc, duration: a.duration, download: dl && dl.pathname };
  });
  t.ok(r && r.src.endsWith('.web.opus'), `Chromium plays the Opus web version: ${r && r.src}`);
  t.ok(r && r.download && r.download.endsWith('/tin-bao-khan-cap-con-bao-so-9.mp3'), 'the loudspeaker MP3 is the download');
});

// ---- axe on the pages these items changed ----
for (const path of ['', 'en/', 'en/gioi-thieu/', 'thong-bao/', 'thong-bao/tin-bao-khan-cap-con-bao-so-9/',
  'phat-thanh/', 'thu-tuc/dang-ky-khai-sinh/']) {
  await t.test(`axe-core: no violation on /${path}`, async (page) => {
    await page.goto(t.url(path));
    const v = await axeViolations(page);
    t.ok(v.length === 0, v.join(' | '));
  });
}

// ---- last: the page clock is the context's, and stays moved on ----
await t.test('an alert that has ended disappears without a rebuild (page clock moved on)', async (page) => {
  await page.clock.install({ time: new Date(soonEnd - DAY) });
  await page.goto(t.url('thu-tuc/'));
  t.ok((await banner(page)).length === 2, 'before the urgent alert ends: 2 alerts');
  await page.clock.setSystemTime(new Date(soonEnd + 1000));
  await page.clock.runFor(61000);           // the banner checks every minute
  let b = await banner(page);
  t.ok(b.length === 1 && b[0].level === 'emergency', `after its end only the emergency is left: ${JSON.stringify(b.map((a) => a.title))}`);
  await page.reload();                      // a cached copy opened later
  b = await banner(page);
  t.ok(b.length === 1 && b[0].level === 'emergency', 'a cached page opened after the end: only the emergency');
  await page.clock.setSystemTime(new Date(laterEnd + 1000));
  await page.clock.runFor(61000);
  t.ok(await page.evaluate(() => document.getElementById('canh-bao').hidden), 'when the last one ends the banner is hidden');
});

await t.test('without the script (no JavaScript) the banner is the one the build made', async (page) => {
  await page.route('**/js/canh-bao.js', (r) => r.abort());
  await page.clock.setSystemTime(new Date(soonEnd + DAY));   // installed by the test before
  await page.goto(t.url(''));
  const b = await banner(page);
  t.ok(b.length === 2, `2 alerts as built, got ${b.length}`);
});

await t.finish();
