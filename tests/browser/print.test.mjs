// print.test.mjs — printed pages lead back (issue #14): Chromium prints a
// procedure and an announcement of the example site to A4 PDF
// (page.pdf, the theme's @media print); page 1 of the procedure holds the
// facts, every item of the document checklist, its full URL and the
// hotline; the QR code on page 1, rasterised with pdftoppm and decoded with
// zbarimg, is the page's full URL. External links print their address.
// Run by test_browser_print.sh; the PDFs and PNGs stay in ARTEFACTS.
import { suite } from './lib.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const artefacts = process.env.ARTEFACTS || join(here, '../../build/browser');
mkdirSync(artefacts, { recursive: true });
const t = await suite();

// Page 1 of pdf: its text (pdftotext) and what zbarimg reads in its image.
function firstPage(pdf, name) {
  // reading order for blocks of text; -layout for URLs (the reading order
  // joins a line-end hyphen with the next line)
  const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  const layout = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' });
  const prefix = join(artefacts, name);
  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '200', '-gray', '-png', pdf, prefix]);
  const png = readdirSync(artefacts).filter((f) => f.startsWith(name + '-') && f.endsWith('.png'))
    .map((f) => join(artefacts, f))[0];
  let codes = '';
  try {
    codes = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', png], { encoding: 'utf8' });
  } catch (e) {
    codes = String(e.stdout || '');
  }
  return { text, layout, codes: codes.split('\n').filter(Boolean) };
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();
const bare = (s) => s.replace(/\s+/g, ''); // a URL broken over lines is whole again

await t.test('a procedure prints its checklist, URL, QR code and hotline on page 1', async (page) => {
  const path = 'thu-tuc/dang-ky-khai-sinh/';
  const full = t.url(path);
  await page.goto(full);
  const docs = await page.$$eval('.checklist .doc-name', (els) => els.map((e) => e.textContent.trim()));
  const hotline = await page.$eval('.help-box a[href^="tel:"]', (a) => a.textContent.trim());
  const facts = await page.$$eval('.summary-box dt', (els) => els.map((e) => e.textContent.trim()));
  t.ok(docs.length >= 2, `the page has a checklist (${docs.length} items)`);
  const pdf = join(artefacts, 'procedure-print.pdf');
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
  const { text, layout, codes } = firstPage(pdf, 'procedure-print');
  const flat = squash(text);
  t.ok(codes.length === 1 && codes[0] === full, `the QR code on page 1 is ${full}, read: ${JSON.stringify(codes)}`);
  t.ok(bare(layout).includes(full), 'page 1 prints the full URL');
  for (const d of docs) t.ok(flat.includes(squash(d)), `page 1 holds the checklist item "${d}"`);
  for (const f of facts) t.ok(bare(text).includes(bare(f)), `page 1 holds the fact "${f}"`);
  const all = squash(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }));
  t.ok(all.includes(hotline), `the hotline ${hotline} prints`);
  t.ok(/\(https?:\/\/[^ )]+/.test(all), 'an external link prints its address in full');
});

await t.test('an announcement prints a QR code of its page (the one with the audio)', async (page) => {
  await page.goto(t.url('thong-bao/'));
  const href = await page.$eval('main a[href*="/thong-bao/"][href$="/"]:not([href$="/thong-bao/"])', (a) => a.href);
  await page.goto(href);
  const pdf = join(artefacts, 'announcement-print.pdf');
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
  const { text, layout, codes } = firstPage(pdf, 'announcement-print');
  t.ok(codes.length === 1 && codes[0] === href, `the QR code is ${href}, read: ${JSON.stringify(codes)}`);
  t.ok(bare(layout).includes(href), 'page 1 prints the full URL');
});

await t.finish();
