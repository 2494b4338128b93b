import { chromium, type FullConfig } from '@playwright/test';

/** A sample of each script the pages show, in the font stack a page falls back on. */
const SAMPLES = { Chinese: '督办日清周结亮灯', Latin: 'Duban 2026-12-07' };

/**
 * Which Chromium runs the browser tests and which fonts it draws the pages' text in, as the browser itself reports
 * them (DevTools' platform fonts of a node), so a layout failure on another machine can be told apart from a bug.
 */
export async function describeBrowser(config: FullConfig): Promise<string> {
  const launchOptions = config.projects[0]?.use.launchOptions ?? {};
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage();
    await page.setContent(
      Object.entries(SAMPLES)
        .map(([name, text]) => `<p id="${name}" lang="zh-CN" style="font-family: sans-serif">${text}</p>`)
        .join(''),
    );
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const fonts: string[] = [];
    for (const name of Object.keys(SAMPLES)) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `#${name}` });
      const found = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      fonts.push(`${name} in ${found.fonts.map((f) => f.familyName).join(' + ') || 'no font'}`);
    }
    return `Chromium ${browser.version()} (${launchOptions.executablePath ?? 'bundled'}); text: ${fonts.join(', ')}`;
  } finally {
    await browser.close();
  }
}
