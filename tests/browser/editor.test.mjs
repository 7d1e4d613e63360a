// editor.test.mjs — the content editor at /admin/ of `motcua serve`
// (tests/cli/test_browser_editor.sh): Decap CMS in Vietnamese, a new
// procedure made through the form and saved into the site folder, an
// existing procedure's fee changed, invalid values refused in the form with
// the Vietnamese message. lib.mjs fails the run on any request that leaves
// 127.0.0.1. SITE is the site folder the server edits; NEW_SLUG the
// `motcua slug` of the new procedure's title.
import { suite } from './lib.mjs';
import { existsSync, readFileSync } from 'node:fs';

const site = process.env.SITE;
const title = 'Cấp đổi Giấy phép đăng ký hộ kinh doanh (thử)';
const file = `${site}/content/thu-tuc/${process.env.NEW_SLUG}/index.md`;
const t = await suite();

async function open(page, hash) {
  // bounds for a loaded machine (the editor's script is 5 MB), not timings
  page.setDefaultTimeout(90000);
  page.setDefaultNavigationTimeout(90000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(t.url('admin/' + (hash || '')), { waitUntil: 'domcontentloaded' });
  // the first visit asks to log in (the local backend has no account)
  const login = page.getByRole('button', { name: 'Đăng nhập' });
  const ready = hash ? page.locator('input[id^="title-field-"]').first()
                     : page.getByText('Thủ tục hành chính', { exact: true }).first();
  await Promise.race([login.waitFor(), ready.waitFor()]);
  if (await login.count()) await login.click();
  await ready.waitFor();
}

const field = (page, key) => page.locator(`input[id^="${key}-field-"]`).first();
const inList = (page, list, key) =>
  page.locator(`div[id^="${list}-field-"]`).locator(`input[id^="${key}-field-"]`).last();

async function add(page, label) {
  await page.getByRole('button', { name: new RegExp('Add ' + label, 'i') }).click();
}

async function choose(page, input, option) {
  await input.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function publish(page) {
  await page.getByRole('button', { name: 'Công bố', exact: true }).click();
  await page.getByText('Công bố ngay', { exact: true }).click();
}

async function until(what, fn, ms = 90000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting: ' + what);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function served(path, text) {
  return until(`${path} showing ${text}`, async () => {
    const r = await fetch(t.url(path));
    const body = await r.text();
    return r.status === 200 && body.includes(text) ? body : null;
  });
}

await t.test('the editor opens in Vietnamese with a collection per kind', async (page) => {
  await open(page);
  for (const label of ['Thủ tục hành chính', 'Tin tức', 'Thông báo', 'Trang'])
    t.ok(await page.getByText(label, { exact: true }).count() > 0, `collection ${label}`);
  await page.goto(t.url('admin/#/collections/procedure/new'));
  await page.getByText('Mã thủ tục', { exact: true }).waitFor();
  t.ok(await page.getByText('Công bố', { exact: true }).count() === 1, 'the toolbar is Vietnamese');
});

await t.test('an invalid value is refused in the form with the Vietnamese message', async (page) => {
  await open(page, '#/collections/procedure/new');
  await field(page, 'title').fill('Thủ tục sai');
  await field(page, 'online_url').fill('dichvucong gov vn');
  await add(page, 'phí, lệ phí');
  await inList(page, 'fees', 'amount').fill('-5000');
  await publish(page);
  await page.getByText('Địa chỉ phải bắt đầu bằng http:// hoặc https://', { exact: false }).first().waitFor();
  await page.getByText('Phí, lệ phí phải ít nhất 0', { exact: false }).first().waitFor();
  t.ok(await page.getByText('Mã thủ tục bắt buộc nhập', { exact: false }).count() > 0,
       'a required field left empty is named');
  t.ok(!existsSync(`${site}/content/thu-tuc/thu-tuc-sai`), 'nothing was written');
}, { pageErrors: /^(\[undefined\]|undefined)$/ }); // Decap leaves its refusal (the errors) unhandled

await t.test('a new procedure made through the form is saved and served', async (page) => {
  await open(page, '#/collections/procedure/new');
  await field(page, 'title').fill(title);
  await field(page, 'code').fill('2.000720.000.00.00.H42');
  await field(page, 'field').fill('Thành lập và hoạt động của hộ kinh doanh');
  await field(page, 'agency').fill('Ủy ban nhân dân phường');
  await add(page, 'đối tượng thực hiện');
  await inList(page, 'audience', 'audience').fill('Hộ kinh doanh');
  await add(page, 'trình tự thực hiện');
  await inList(page, 'steps', 'steps').fill('Nộp hồ sơ tại Bộ phận Một cửa');
  await add(page, 'cách thức thực hiện');
  await choose(page, inList(page, 'channels', 'kind'), 'Trực tiếp');
  await inList(page, 'channels', 'time').fill('03 ngày làm việc');
  await add(page, 'thành phần hồ sơ');
  await inList(page, 'documents', 'name').fill('Giấy đề nghị cấp đổi "bản gốc"');
  await inList(page, 'documents', 'copies').fill('1');
  await choose(page, inList(page, 'documents', 'original'), 'Bản chính');
  await add(page, 'thành phần hồ sơ');
  await inList(page, 'documents', 'name').fill('Giấy chứng nhận đăng ký hộ kinh doanh');
  // the procedure's own copies, after the documents' copies
  await page.locator('input[id^="copies-field-"]').last().fill('01 bộ');
  await field(page, 'processing_time').fill('03 ngày làm việc');
  await add(page, 'phí, lệ phí');
  await inList(page, 'fees', 'name').fill('Lệ phí cấp đổi');
  await inList(page, 'fees', 'amount').fill('75000');
  await add(page, 'kết quả thực hiện');
  await inList(page, 'result', 'result').fill('Giấy chứng nhận đăng ký hộ kinh doanh');
  await add(page, 'căn cứ pháp lý');
  await inList(page, 'legal_basis', 'title').fill('Nghị định số 168/2025/NĐ-CP về đăng ký doanh nghiệp');
  await inList(page, 'legal_basis', 'url').fill('https://vbpl.vn/');
  await publish(page);
  await until('the file ' + file, () => existsSync(file));
  const text = readFileSync(file, 'utf8');
  t.ok(text.includes('title: "Cấp đổi Giấy phép đăng ký hộ kinh doanh (thử)"'), 'the title is in the file');
  t.ok(!text.includes('motcua_slug'), 'the editor\'s slug key is not written');
  const body = await served(`thu-tuc/${process.env.NEW_SLUG}/`, 'Lệ phí cấp đổi');
  t.ok(/75[.,]000/.test(body), 'the page shows the fee');
  t.ok(body.includes('Nghị định số 168/2025/NĐ-CP'), 'the page shows the legal basis');
});

await t.test('an existing procedure\'s fee edited in the form shows on its page', async (page) => {
  await open(page, '#/collections/procedure/entries/dang-ky-ket-hon/index');
  const amount = page.locator('div[id^="fees-field-"]').locator('input[id^="amount-field-"]').nth(1);
  await amount.waitFor();
  t.ok(await amount.inputValue() === '8000', 'the form shows the fee from the file');
  await amount.fill('12000');
  await publish(page);
  const md = `${site}/content/thu-tuc/dang-ky-ket-hon/index.md`;
  await until('the new fee in the file', () => readFileSync(md, 'utf8').includes('amount: 12000'));
  await served('thu-tuc/dang-ky-ket-hon/', '12.000');
});

await t.finish();
