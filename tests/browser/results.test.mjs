// results.test.mjs — the documents section and the results dashboard of
// issue #18 in Chromium, on the example site served by nginx: axe-core
// finds no violation on the dashboard (both languages), the register, a
// filter page, a document no longer in force and a procedure citing it; the
// register filters by following links with every script blocked; the
// dashboard prints on at most two A4 pages (page.pdf, counted with
// pdfinfo) and the printed text holds its figures. Run by
// test_browser_results.sh; the PDFs stay in ARTEFACTS.
import { suite, axeViolations } from './lib.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const artefacts = process.env.ARTEFACTS || join(here, '../../build/browser');
mkdirSync(artefacts, { recursive: true });
const t = await suite();

const paths = ['ket-qua-cai-cach/', 'en/ket-qua-cai-cach/', 'van-ban/', 'van-ban/loai/nghi-dinh/',
  'van-ban/tinh-trang/het-hieu-luc/', 'van-ban/nghi-dinh-43-2011-nd-cp/', 'van-ban/nghi-dinh-42-2022-nd-cp/',
  'thu-tuc/dang-ky-thanh-lap-ho-kinh-doanh-tai-cap-huyen/', 'thu-tuc/dang-ky-khai-tu/'];
for (const path of paths) {
  await t.test(`axe-core: no violation on /${path}`, async (page) => {
    await page.goto(t.url(path));
    const v = await axeViolations(page);
    t.ok(v.length === 0, v.join(' | '));
  });
}

await t.test('the register filters by links, with every script blocked', async (page) => {
  await page.route('**/*.js', (route) => route.abort());
  await page.goto(t.url('van-ban/'));
  const inline = await page.$$eval('script:not([type="application/ld+json"])', (s) => s.filter((e) => !e.src).length);
  t.ok(inline === 0, `no inline script (${inline})`);
  const all = await page.$$eval('.doc-item', (els) => els.length);
  await page.click('nav.filters a[href$="/van-ban/loai/nghi-dinh/"]');
  await page.waitForURL('**/van-ban/loai/nghi-dinh/');
  const kinds = await page.$$eval('.doc-item .meta:first-of-type', (els) => els.map((e) => e.textContent.trim()));
  t.ok(kinds.length > 0 && kinds.length < all, `${kinds.length} of ${all} documents`);
  t.ok(kinds.every((k) => k.startsWith('Nghị định')), `every one is a decree: ${kinds.join(' | ')}`);
  const current = await page.$eval('nav.filters a[aria-current="page"]', (a) => a.textContent.trim());
  t.ok(current.startsWith('Nghị định'), `the current filter is marked: ${current}`);
  await page.click('nav.filters a[href$="/van-ban/tinh-trang/het-hieu-luc/"]');
  await page.waitForURL('**/van-ban/tinh-trang/het-hieu-luc/');
  const ended = await page.$$eval('.doc-item .doc-ended', (els) => els.length);
  const items = await page.$$eval('.doc-item', (els) => els.length);
  t.ok(items > 0 && ended === items, `every document no longer in force is marked (${ended}/${items})`);
});

await t.test('an ended legal basis is marked in red, in words', async (page) => {
  await page.goto(t.url('thu-tuc/dang-ky-thanh-lap-ho-kinh-doanh-tai-cap-huyen/'));
  const mark = await page.$eval('ul.legal .doc-ended', (e) => [e.textContent, getComputedStyle(e).color]);
  t.ok(/Hết hiệu lực/.test(mark[0]), `the words: ${mark[0]}`);
  t.ok(mark[1] === 'rgb(176, 0, 32)', `red: ${mark[1]}`);
});

for (const [path, name, figures] of [['ket-qua-cai-cach/', 'results-vi', ['99,03%', '98,8%', '87,1/100']],
  ['en/ket-qua-cai-cach/', 'results-en', ['99.03%', '98.8%', '87.1/100']]]) {
  await t.test(`/${path} prints on at most two A4 pages, with its figures`, async (page) => {
    await page.goto(t.url(path));
    const pdf = join(artefacts, `${name}.pdf`);
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = +(/^Pages:\s+(\d+)/m.exec(info) || [0, 0])[1];
    t.ok(pages >= 1 && pages <= 2, `${pages} pages`);
    t.ok(/Page size:.*\(A4\)/.test(info), 'A4: ' + (/Page size:.*$/m.exec(info) || [''])[0]);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    for (const f of figures) t.ok(text.includes(f), `prints ${f}`);
  });
}

await t.finish();
