// record.test.mjs — the "Ghi âm" control of `motcua serve` in Chromium with
// a fake microphone playing speech (--use-file-for-fake-audio-capture):
// record, play back, save; the preview rebuilds and plays the broadcast
// version made from the recording. Then a page of another origin (a data:
// URL, Origin "null") tries to save with the real token and is refused.
// BROWSER_URL: the preview server; PAGE: the announcement's path;
// FAKE_MIC: the WAV file the microphone plays.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLAGS } from './lib.mjs';

const base = process.env.BROWSER_URL, pagePath = process.env.PAGE;
const profile = mkdtempSync(join(tmpdir(), 'motcua-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: [...FLAGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${process.env.FAKE_MIC}`, '--autoplay-policy=no-user-gesture-required'],
});
let passed = 0, failed = 0;
const ok = (cond, name, detail = '') => {
  if (cond) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? `\n  ${detail}` : ''}`); }
};
const outside = [];
await context.route('**/*', (route) => {
  const url = new URL(route.request().url());
  if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
  outside.push(url.href);
  return route.abort();
});

const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
let token = '';
try {
  await page.goto(new URL(pagePath, base).href);
  ok(await page.locator('#motcua-recorder').count() === 1, 'the announcement page in preview has the "Ghi âm" control');
  token = await page.evaluate(() => {
    const s = [...document.scripts].map((x) => x.textContent).find((t) => t.includes('TOKEN='));
    return s ? s.match(/TOKEN="([0-9a-f]+)"/)[1] : '';
  });
  ok(/^[0-9a-f]{32}$/.test(token), 'the page carries a 32-digit session token');
  await page.click('#mc-rec');
  await page.waitForFunction(() => document.getElementById('mc-status').textContent.startsWith('Đang ghi'), null, { timeout: 10000 });
  await page.waitForTimeout(6000);
  await page.click('#mc-stop');
  await page.waitForFunction(() => !document.getElementById('mc-save').disabled, null, { timeout: 10000 });
  const take = await page.evaluate(async () => {
    const a = document.getElementById('mc-take');
    if (a.readyState < 1) await new Promise((r) => { a.onloadedmetadata = r; setTimeout(r, 3000); });
    return { src: a.src, status: document.getElementById('mc-status').textContent };
  });
  ok(take.src.startsWith('blob:') && /Đã ghi \d+ KB/.test(take.status), 'the take can be played back before saving', JSON.stringify(take));
  const reloaded = page.waitForEvent('load', { timeout: 60000 }).catch(() => null);
  await page.click('#mc-save');
  await page.waitForFunction(() => /Đã lưu|Không lưu/.test(document.getElementById('mc-status').textContent), null, { timeout: 20000 });
  const said = await page.locator('#mc-status').textContent();
  if (!/Đã lưu/.test(said)) throw new Error(said);
  ok(true, '"Lưu" saves the recording ("Đã lưu")');
  await reloaded;
  // the loudspeaker file is the page's download; the player has the web versions
  const audioSrc = await page.locator('section.recording a[download]').getAttribute('href', { timeout: 60000 });
  const facts = await page.evaluate(async (src) => (await fetch(src + '.json')).json(), audioSrc);
  ok(facts.voice_source === 'recording' && facts.recording.file.startsWith('ghi-am.'),
    'after the rebuild the page\'s audio is made from the recording', JSON.stringify(facts).slice(0, 300));
  const playing = await page.waitForFunction(() => {
    const a = document.querySelector('section.recording audio');
    return a && a.currentTime > 0.5;
  }, null, { timeout: 20000 }).then(() => true, () => false);
  ok(playing, 'and its web version plays');
} catch (e) {
  ok(false, 'record and save in the preview', String(e && e.stack || e).split('\n').slice(0, 3).join(' | '));
}
ok(errors.length === 0, 'no script errors', errors.join(' | '));

// another origin, even with the token, cannot save
const evil = await context.newPage();
await evil.goto('data:text/html,<p>another site</p>');
const answer = await evil.evaluate(async ({ url, token }) => {
  try {
    const r = await fetch(url, { method: 'POST', headers: { 'X-Motcua-Token': token, 'Content-Type': 'audio/webm' }, body: 'x'.repeat(100) });
    return `status ${r.status}`;
  } catch (e) { return 'refused: ' + e.message; }
}, { url: new URL(`/__motcua/record?page=${encodeURIComponent(pagePath.slice(1) + 'index.html')}`, base).href, token });
ok(!/status 2\d\d/.test(answer), `a page of another origin cannot save (${answer})`);
ok(outside.length === 0, 'no request leaves 127.0.0.1', outside.join(' '));
await context.close();
rmSync(profile, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
