// axe.mjs — axe-core's violations on a page, for the accessibility tests
// (procedures.test.mjs, results.test.mjs): WCAG 2.0–2.2 A and AA and best
// practice. axe-core comes from a11y/node_modules (harness.sh, browser_axe).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const axe = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'a11y/node_modules/axe-core/axe.min.js'), 'utf8');

// ["rule-id: selector, selector", ...] for the page as it is now.
export async function axeViolations(page) {
  await page.addScriptTag({ content: axe });
  return page.evaluate(async () => (await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  })).violations.map((x) => `${x.id}: ${x.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`));
}
