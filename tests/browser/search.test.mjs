// search.test.mjs — /tim-kiem/ on the example site (issue #5), in Chromium.
// Run by tests/cli/test_browser_search.sh (which builds and serves the site).
import { suite } from './lib.mjs';

const t = await suite();

// Opens /tim-kiem/?QUERY and waits for search.js to finish; returns what a
// reader sees: state, status text, result URLs (after the site root) and titles.
async function search(page, q, extra = '') {
  const bytes = { index: 0 };
  page.on('response', async (r) => {
    if (r.url().includes('/tim-kiem/index/')) {
      const len = r.headers()['content-length'];
      bytes.index += len ? +len : (await r.body()).length;
    }
  });
  await page.goto(t.url('tim-kiem/?q=' + encodeURIComponent(q) + extra));
  await page.waitForSelector('#search[data-state]', { timeout: 10000 });
  return page.evaluate(() => ({
    state: document.getElementById('search').getAttribute('data-state'),
    status: document.getElementById('search-status').textContent,
    urls: [...document.querySelectorAll('#search-list a')].map((a) => a.pathname),
    titles: [...document.querySelectorAll('#search-list h2')].map((h) => h.textContent),
    metas: [...document.querySelectorAll('#search-list .search-meta')].map((m) => m.textContent),
    marks: [...document.querySelectorAll('#search-list mark')].map((m) => m.textContent),
    help: !document.getElementById('search-help').hidden,
    nojs: !!document.querySelector('.search-nojs') && document.querySelector('.search-nojs').offsetParent !== null,
  }));
}

function first(name, q, want) {
  return t.test(`"${q}" puts ${want} first`, async (page) => {
    const r = await search(page, q);
    t.ok(r.state === 'done', `state is ${r.state}, status "${r.status}"`);
    t.ok(r.urls[0] === want, `first results: ${r.urls.slice(0, 3).join(', ')}`);
  });
}

await first('no marks', 'dang ky khai sinh', '/thu-tuc/dang-ky-khai-sinh/');
await first('two syllables', 'khai sinh', '/thu-tuc/dang-ky-khai-sinh/');
await first('upper case with marks', 'ĐĂNG KÝ KẾT HÔN', '/thu-tuc/dang-ky-ket-hon/');
await first('no marks', 'chung thuc ban sao', '/thu-tuc/chung-thuc-ban-sao-tu-ban-chinh/');
await first('the procedure index', 'thu tuc hanh chinh', '/thu-tuc/');
await first('code prefix', '1.001193', '/thu-tuc/dang-ky-khai-sinh/');
await first('whole code', '1.001193.000.00.00.H42', '/thu-tuc/dang-ky-khai-sinh/');
await first('decomposed', 'Đa\u0306ng ky\u0301 ke\u0302\u0301t ho\u0302n', '/thu-tuc/dang-ky-ket-hon/');
await first('with marks', 'đăng ký khai tử', '/thu-tuc/dang-ky-khai-tu/');
// a document by its number, typed the common ways (issue #18)
await first('a document number', '63/2010/NĐ-CP', '/van-ban/nghi-dinh-63-2010-nd-cp/');
await first('number and year', '63/2010', '/van-ban/nghi-dinh-63-2010-nd-cp/');
await first('kind without marks, number and year', 'nghi dinh 63 2010', '/van-ban/nghi-dinh-63-2010-nd-cp/');
await first('a circular number without marks', '85/2019/tt-btc', '/van-ban/thong-tu-85-2019-tt-btc/');

await t.test('a code matches exactly: 1.001193 finds one procedure', async (page) => {
  const r = await search(page, '1.001193');
  t.ok(r.urls.length === 1, `results: ${r.urls.join(', ')}`);
});

await t.test('the count is announced in an aria-live region', async (page) => {
  const r = await search(page, 'khai sinh');
  const live = await page.$eval('#search-status', (e) => [e.getAttribute('role'), e.getAttribute('aria-live')]);
  t.ok(live[0] === 'status' && live[1] === 'polite', `role/aria-live: ${live}`);
  t.ok(/\d/.test(r.status) && r.status.includes('khai sinh'), `status: "${r.status}"`);
});

await t.test('matched syllables are highlighted, with their marks', async (page) => {
  const r = await search(page, 'dang ky khai sinh');
  const low = r.marks.map((m) => m.toLowerCase());
  t.ok(low.includes('đăng') && low.includes('khai') && low.includes('sinh'), `marks: ${r.marks.slice(0, 8)}`);
});

await t.test('results show the section and the field or date', async (page) => {
  const r = await search(page, 'khai sinh');
  t.ok(/Thủ tục hành chính · Hộ tịch/.test(r.metas[0]), `meta: ${r.metas[0]}`);
  t.ok(r.metas.some((m) => /Tin tức · \d\d\/\d\d\/\d{4}/.test(m)), `metas: ${r.metas.join(' | ')}`);
});

await t.test('an empty query asks for words and shows no results', async (page) => {
  const r = await search(page, '');
  t.ok(r.state === 'empty' && r.urls.length === 0 && r.status.length > 5, JSON.stringify(r));
});

await t.test('a query of only punctuation counts as empty', async (page) => {
  const r = await search(page, ' ,.;!? ');
  t.ok(r.state === 'empty', JSON.stringify(r));
});

await t.test('a 500-character query is answered', async (page) => {
  const q = ('thủ tục hành chính đăng ký khai sinh cho trẻ em tại phường ').repeat(9).slice(0, 500);
  const start = Date.now();
  const r = await search(page, q);
  t.ok(['done', 'none'].includes(r.state), `state ${r.state}`);
  t.ok(q.length === 500 && Date.now() - start < 8000, `took ${Date.now() - start} ms`);
  t.ok(r.status.length < 400, `status is short: ${r.status.length} characters`);
});

await t.test('no results: the procedure index and the hotline are suggested', async (page) => {
  const r = await search(page, 'qwxzv');
  t.ok(r.state === 'none' && r.help, JSON.stringify(r));
  const links = await page.$$eval('#search-help a', (as) => as.map((a) => a.getAttribute('href')));
  t.ok(links.includes('/thu-tuc/'), `links: ${links}`);
  t.ok(links.some((h) => h.startsWith('tel:')), `links: ${links}`);
});

await t.test('words not all in one page give near matches', async (page) => {
  const r = await search(page, 'khai sinh qwxzv');
  t.ok(r.state === 'done' && r.urls[0] === '/thu-tuc/dang-ky-khai-sinh/', JSON.stringify(r.urls.slice(0, 3)));
});

await t.test('filters keep only matching procedures', async (page) => {
  const r = await search(page, 'dang ky', '&linh-vuc=ho-tich');
  t.ok(r.urls.length > 0 && r.urls.every((u) => u.startsWith('/thu-tuc/')), r.urls.join(', '));
  t.ok(r.metas.every((m) => m.includes('Hộ tịch')), r.metas.join(' | '));
  const sel = await page.$eval('#loc-linh-vuc', (s) => s.value);
  t.ok(sel === 'ho-tich', `the select shows ${sel}`);
  const online = await search(page, 'dang ky', '&truc-tuyen=toan-trinh&cap=xa');
  t.ok(online.urls.length > 0 && online.urls.length < r.urls.length + 10, online.urls.join(', '));
});

await t.test('long result lists are paged', async (page) => {
  const one = await search(page, 'thu tuc');
  t.ok(one.urls.length === 10, `page 1 has ${one.urls.length}`);
  const next = await page.$('#search-pages a[rel=next]');
  t.ok(next, 'a next-page link');
  if (!next) return;
  await next.click();
  await page.waitForSelector('#search[data-state]');
  const two = await page.$$eval('#search-list a', (as) => as.map((a) => a.pathname));
  t.ok(two.length > 0 && !two.includes(one.urls[0]), `page 2: ${two.slice(0, 3)}`);
  t.ok(page.url().includes('trang=2'), page.url());
});

await t.test('keyboard: type, Enter, Tab to the first result, Enter opens it', async (page) => {
  await page.goto(t.url('tim-kiem/'));
  await page.focus('#tu-khoa');
  await page.keyboard.type('ket hon');
  await page.keyboard.press('Enter');
  await page.waitForURL(/q=ket\+hon/);
  await page.waitForSelector('#search[data-state=done]');
  let inList = false;
  for (let i = 0; i < 40 && !inList; i++) {
    await page.keyboard.press('Tab');
    inList = await page.evaluate(() => !!document.activeElement.closest('#search-list'));
  }
  t.ok(inList, 'Tab reaches the results');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/thu-tuc\/dang-ky-ket-hon\/$/);
});

await t.test('the header search box leads to the results', async (page) => {
  await page.goto(t.url(''));
  await page.fill('#q', 'khai sinh');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#search[data-state=done]');
  t.ok(new URL(page.url()).pathname === '/tim-kiem/', page.url());
  t.ok(await page.$eval('#tu-khoa', (i) => i.value) === 'khai sinh', 'query in the box');
});

await t.test('without JavaScript the page says so and links to the procedures', async (page) => {
  const res = await page.request.get(t.url('tim-kiem/?q=khai+sinh'));
  const html = await res.text();
  const nojs = html.match(/<noscript>\s*<div class="search-nojs">([\s\S]*?)<\/div>\s*<\/noscript>/);
  t.ok(nojs, 'the notice is in <noscript>');
  t.ok(nojs && nojs[1].includes('JavaScript') && nojs[1].includes('href="/thu-tuc/"') &&
       nojs[1].includes('href="/linh-vuc/ho-tich/"'), nojs && nojs[1]);
  const r = await search(page, 'khai sinh');
  t.ok(!r.nojs, 'with JavaScript the notice is hidden');
});

await t.test('search.js is at most 8 KB gzipped', async (page) => {
  const res = await page.request.get(t.url('js/search.js'), { headers: { 'Accept-Encoding': 'gzip' } });
  const { gzipSync } = await import('node:zlib');
  const size = gzipSync(await res.body(), { level: 9 }).length;
  t.ok(size <= 8192, `${size} bytes gzipped`);
});

await t.finish();
