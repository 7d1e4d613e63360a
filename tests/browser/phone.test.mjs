// phone.test.mjs — the portal as citizens use it on a phone (issue #17
// items 1, 2, 6, 7), on the example site in Chromium at 360×740 and
// 1280×800: jump links reach the checklist; the checklist boxes toggle,
// and with JavaScript are kept on the device; a journey links its
// procedures in order and each links back; the first search result is on
// the first screen; "so do" finds the land-use procedure first; an
// abolished procedure is never a result; one search landmark on the search
// and 404 pages; Open Graph and BreadcrumbList; axe-core finds no
// violation on the page kinds this issue adds or changes.
// Run by tests/cli/test_browser_phone.sh (which builds and serves the site).
import { suite, axeViolations } from './lib.mjs';

const t = await suite();
const proc = 'thu-tuc/dang-ky-khai-sinh/';
const sizes = [{ width: 360, height: 740 }, { width: 1280, height: 800 }];

for (const size of sizes) {
  await t.test(`${size.width}×${size.height}: "Trên trang này" comes right after the facts and its link reaches the checklist`, async (page) => {
    await page.setViewportSize(size);
    await page.goto(t.url(proc));
    const after = await page.evaluate(() => {
      const box = document.querySelector('.summary-box');
      return box && box.nextElementSibling && box.nextElementSibling.matches('nav.on-this-page');
    });
    t.ok(after, 'the contents list follows the summary box');
    await page.click('nav.on-this-page a[href="#giay-to"]');
    await page.waitForFunction(() => location.hash === '#giay-to');
    const top = await page.evaluate(() => document.getElementById('giay-to').getBoundingClientRect().top);
    t.ok(top >= -1 && top < 60, `the checklist heading is at the top of the screen (${top})`);
    const first = await page.evaluate(() => {
      const r = document.querySelector('.checklist input[type=checkbox]').getBoundingClientRect();
      return r.top;
    });
    t.ok(first < size.height, `the first checkbox is on screen (${first})`);
  });
}

await t.test('checklist: real checkboxes that toggle by their label and are kept on the device', async (page) => {
  await page.goto(t.url(proc));
  const boxes = await page.$$('.checklist input[type=checkbox]');
  t.ok(boxes.length >= 2, `${boxes.length} checkboxes`);
  await page.click('.checklist li:nth-child(1) label');
  t.ok(await boxes[0].isChecked(), 'a tap on the label ticks the box');
  await page.keyboard.press('Tab');
  await boxes[1].focus();
  await page.keyboard.press('Space');
  t.ok(await boxes[1].isChecked(), 'Space ticks the focused box');
  t.ok(await page.isVisible('.checklist-saved'), 'the "kept on this device" note shows with JavaScript');
  await page.reload();
  const after = await page.$$eval('.checklist input', (l) => l.map((i) => i.checked));
  t.ok(after[0] && after[1] && !after.slice(2).some(Boolean), `kept after reload: ${after}`);
  const other = await page.context().newPage();
  await other.goto(t.url('thu-tuc/dang-ky-thuong-tru/'));
  const elsewhere = await other.$$eval('.checklist input', (l) => l.map((i) => i.checked));
  t.ok(!elsewhere.some(Boolean), 'each procedure keeps its own ticks');
  await other.close();
  await page.click('.checklist-clear');
  await page.reload();
  const cleared = await page.$$eval('.checklist input', (l) => l.map((i) => i.checked));
  t.ok(!cleared.some(Boolean), 'cleared, also after reload');
});

await t.test('checklist without JavaScript: the boxes still toggle', async (page) => {
  const res = await page.request.get(t.url(proc));
  const html = await res.text();
  t.ok(/<input type="checkbox" id="giay-to-1" name="giay-to-1"><label for="giay-to-1">/.test(html), 'plain inputs with labels in the HTML');
  t.ok(/<p class="checklist-saved no-print" hidden>/.test(html), 'the note that needs the script is hidden in the HTML');
});

await t.test('dossier lookup with the code, page feedback, related procedures', async (page) => {
  await page.goto(t.url(proc));
  const lookup = await page.$eval('#tra-cuu + p a', (a) => a.href);
  t.ok(lookup.includes('ma_thu_tuc=1.001193.000.00.00.H42'), lookup);
  t.ok(await page.$eval('#tra-cuu', (h) => h.textContent) === 'Hồ sơ đã nộp?', 'the question');
  const fb = await page.$eval('.page-useful a', (a) => a.getAttribute('href'));
  t.ok(fb.startsWith('mailto:gopy@ninhbinh.example?subject=') && fb.includes('body=http'), fb);
  const related = await page.$$eval('#lien-quan ~ ul a, ul.related a', (l) => l.map((a) => a.pathname));
  t.ok(related.includes('/thu-tuc/dang-ky-thuong-tru/'), related.join(' '));
});

await t.test('journey "Khi sinh con": birth registration → residence → health insurance, each step links back', async (page) => {
  await page.goto(t.url('su-kien-cuoc-song/khi-sinh-con/'));
  const steps = await page.$$eval('.journey-steps > li h2 a', (l) => l.map((a) => a.pathname));
  t.ok(steps.join(' ') === '/thu-tuc/dang-ky-khai-sinh/ /thu-tuc/dang-ky-thuong-tru/ /thu-tuc/cap-the-bao-hiem-y-te-cho-tre-em-duoi-6-tuoi/',
       steps.join(' '));
  await page.click('.journey-steps > li:nth-child(2) h2 a');
  await page.waitForURL(/dang-ky-thuong-tru/);
  const box = await page.$eval('.journey-box', (b) => b.textContent.replace(/\s+/g, ' '));
  t.ok(box.includes('Khi sinh con') && box.includes('Bước 2 trong 3'), box);
  const next = await page.$eval('.journey-box a[rel=next]', (a) => a.pathname);
  const prev = await page.$eval('.journey-box a[rel=prev]', (a) => a.pathname);
  t.ok(next === '/thu-tuc/cap-the-bao-hiem-y-te-cho-tre-em-duoi-6-tuoi/' && prev === '/thu-tuc/dang-ky-khai-sinh/', `${prev} ${next}`);
});

// Types a query in the box and submits it, as a citizen does.
async function typeSearch(page, q) {
  await page.goto(t.url('tim-kiem/'));
  await page.fill('#tu-khoa', q);
  await page.press('#tu-khoa', 'Enter');
  await page.waitForSelector('#search[data-state="done"]', { timeout: 10000 });
}

await t.test('360×740: after typing a query the first result is inside the first screen', async (page) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await typeSearch(page, 'khai sinh');
  const r = await page.evaluate(() => {
    const li = document.querySelector('#search-list li');
    const b = li.getBoundingClientRect();
    return { top: b.top, title: li.querySelector('h2').getBoundingClientRect().bottom, y: scrollY };
  });
  t.ok(r.y === 0 && r.top >= 0 && r.top < 740 && r.title < 740, `first result at ${r.top}–${r.title} px (scroll ${r.y})`);
});

await t.test('one search form and one search landmark on the search and 404 pages', async (page) => {
  for (const path of ['tim-kiem/?q=thu+tuc', '404.html', proc]) {
    await page.goto(t.url(path));
    const n = await page.$$eval('[role=search], search', (l) => l.length);
    const forms = await page.$$eval('form input[type=search]', (l) => l.length);
    t.ok(n === 1 && forms === 1, `${path}: ${n} search landmarks, ${forms} search boxes`);
  }
});

await t.test('the filters appear only with JavaScript, and open when one is set', async (page) => {
  const html = await (await page.request.get(t.url('tim-kiem/'))).text();
  t.ok(/<details class="search-more" hidden>/.test(html), 'hidden in the HTML');
  await page.goto(t.url('tim-kiem/?q=ho+tich&cap=xa'));
  await page.waitForSelector('#search[data-state]');
  t.ok(await page.$eval('.search-more', (d) => !d.hidden && d.open), 'shown and open with ?cap=xa');
});

await t.test('synonyms: "so do", "sổ đỏ" and "so hong" put the land-use procedure first', async (page) => {
  for (const q of ['so do', 'sổ đỏ', 'so hong']) {
    await typeSearch(page, q);
    const first = await page.$eval('#search-list a', (a) => a.pathname);
    t.ok(first === '/thu-tuc/dang-ky-dat-dai-cap-giay-chung-nhan-lan-dau/', `${q}: ${first}`);
  }
});

await t.test('an abolished procedure is not among the results', async (page) => {
  await typeSearch(page, 'thành lập hộ kinh doanh');
  const urls = await page.$$eval('#search-list a', (l) => l.map((a) => a.pathname));
  t.ok(urls.length > 0 && !urls.includes('/thu-tuc/dang-ky-thanh-lap-ho-kinh-doanh-tai-cap-huyen/'), urls.join(' '));
  const page2 = await page.request.get(t.url('thu-tuc/dang-ky-thanh-lap-ho-kinh-doanh-tai-cap-huyen/'));
  t.ok(page2.ok(), 'its page stays, saying it is abolished');
});

await t.test('Open Graph, Twitter card and BreadcrumbList JSON-LD on a procedure', async (page) => {
  await page.goto(t.url(proc));
  const og = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('meta[property^="og:"], meta[name^="twitter:"]')]
    .map((m) => [m.getAttribute('property') || m.getAttribute('name'), m.content])));
  t.ok(og['og:title'] === 'Đăng ký khai sinh' && og['og:url'] && og['og:url'].endsWith('/' + proc) &&
       og['og:description'].length > 20 && og['twitter:card'] === 'summary', JSON.stringify(og));
  const crumbs = await page.evaluate(() => [...document.querySelectorAll('script[type="application/ld+json"]')]
    .map((s) => JSON.parse(s.textContent)).find((j) => j['@type'] === 'BreadcrumbList'));
  const names = crumbs ? crumbs.itemListElement.map((i) => i.name) : [];
  t.ok(names.join(' › ') === 'Trang chủ › Thủ tục hành chính › Hộ tịch › Đăng ký khai sinh', names.join(' › '));
  t.ok(crumbs && crumbs.itemListElement.every((i, k) => i.position === k + 1 && /^http:\/\/127\.0\.0\.1:\d+\//.test(i.item)), 'positions and absolute URLs');
});

const kinds = [proc, 'su-kien-cuoc-song/', 'su-kien-cuoc-song/khi-sinh-con/', 'tim-kiem/?q=so+do', '404.html',
  'thu-tuc/cap-the-bao-hiem-y-te-cho-tre-em-duoi-6-tuoi/'];
for (const size of sizes) {
  for (const path of kinds) {
    await t.test(`axe-core ${size.width}px: no violation on /${path}`, async (page) => {
      await page.setViewportSize(size);
      await page.goto(t.url(path));
      if (path.startsWith('tim-kiem')) await page.waitForSelector('#search[data-state]');
      const v = await axeViolations(page);
      t.ok(v.length === 0, v.join(' | '));
    });
  }
}

await t.finish();
