// procedures.test.mjs — procedure guides and the theme (issue #4) in
// Chromium, on the example site served by nginx: a citizen reaches a
// procedure from home in three clicks; no horizontal scroll at 360 px (a
// screenshot is kept under build/browser/); print hides navigation;
// axe-core finds no violation on every page kind; the keyboard reaches the
// main content and the start button. Run by test_browser_procedures.sh.
import { suite, axeViolations } from './lib.mjs';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const artefacts = process.env.ARTEFACTS || join(here, '../../build/browser');
mkdirSync(artefacts, { recursive: true });
const t = await suite();
const proc = 'thu-tuc/dang-ky-khai-sinh/';

await t.test('three clicks from home reach a procedure', async (page) => {
  await page.goto(t.url(''));
  await page.click('.site-nav a[href$="/thu-tuc/"]');                 // 1: procedures
  await page.click('a[href$="/thu-tuc/cap/xa/"]');                     // 2: a filter
  await page.click('a[href$="/thu-tuc/dang-ky-khai-sinh/"]');          // 3: the procedure
  t.ok((await page.textContent('h1')) === 'Đăng ký khai sinh', 'h1 is the procedure');
});

await t.test('no horizontal scroll at 360 px (screenshot kept)', async (page) => {
  for (const path of ['', 'thu-tuc/', proc, 'trung-tam-phuc-vu-hanh-chinh-cong/']) {
    await page.goto(t.url(path));
    const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    t.ok(w[0] <= w[1], `${path || '/'}: scrollWidth ${w[0]} > ${w[1]}`);
  }
  await page.goto(t.url(proc));
  await page.screenshot({ path: join(artefacts, 'procedure-360.png'), fullPage: true });
});

await t.test('320 px and 200% zoom: still no horizontal scroll', async (page) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(t.url(proc));
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  t.ok(w[0] <= w[1] + 1, `scrollWidth ${w[0]} > ${w[1]}`);
});

await t.test('print hides navigation and shows the URL', async (page) => {
  await page.goto(t.url(proc));
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => Object.fromEntries(
    ['.site-header', '.site-nav', '.site-footer', '.breadcrumb', '.print-source', '.checklist']
      .map((s) => [s, !!document.querySelector(s) && document.querySelector(s).getClientRects().length > 0])));
  t.ok(!shown['.site-header'] && !shown['.site-nav'] && !shown['.site-footer'] && !shown['.breadcrumb'],
    'navigation is hidden: ' + JSON.stringify(shown));
  t.ok(shown['.print-source'] && shown['.checklist'], 'URL line and checklist print');
  await page.pdf({ path: join(artefacts, 'procedure-a4.pdf'), format: 'A4' });
});

const kinds = ['', 'thu-tuc/', 'thu-tuc/cap/xa/', 'thu-tuc/a-z/', proc, 'tin-tuc/', 'thong-bao/',
  'trung-tam-phuc-vu-hanh-chinh-cong/', 'en/trung-tam-phuc-vu-hanh-chinh-cong/', 'gioi-thieu/',
  'en/gioi-thieu/', 'linh-vuc/', 'linh-vuc/ho-tich/', 'the/', '404.html'];
for (const path of kinds) {
  await t.test(`axe-core: no violation on /${path}`, async (page) => {
    await page.goto(t.url(path));
    const v = await axeViolations(page);
    t.ok(v.length === 0, v.join(' | '));
  });
}

await t.test('keyboard: skip link to main content, then the start button', async (page) => {
  await page.goto(t.url(proc));
  await page.keyboard.press('Tab');
  t.ok(await page.evaluate(() => document.activeElement.classList.contains('skip-link')), 'first Tab is the skip link');
  await page.keyboard.press('Enter');
  t.ok(await page.evaluate(() => location.hash === '#noi-dung'), 'skip link goes to #noi-dung');
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.classList.contains('button-start'));
  }
  t.ok(reached, 'Tab reaches the start button');
});

await t.finish();
