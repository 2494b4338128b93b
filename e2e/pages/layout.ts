import type { Page } from '@playwright/test';

/** Where to look for cut content, and which boxes (cards, panels, a printed report) text must stay inside. */
export interface TCutContentOptions {
  /** Only content inside the elements matching this selector (default: the whole page). */
  within?: string;
  /** Boxes whose content must stay inside them even where nothing clips it (e.g. '.wall-target'). */
  boxes?: string;
}

/**
 * What a person would see as broken in a layout, found from what is drawn rather than from scroll sizes, so that it
 * holds when a browser or font update moves text by a pixel or two. It lists:
 * - text, an image or a chart cut off by a box that hides its overflow (`overflow: hidden` or `clip`);
 * - content pushed past the window's left or right edge (a page that needs sideways scrolling);
 * - with `boxes`, content that spills out of one of those boxes.
 * A piece is cut when more of it lies outside than a quarter of its font size (4 px for an image or chart): line
 * boxes and sub-pixel rounding move with the font, a cut letter does not. Truncation the page means (an ellipsis,
 * a line clamp), content inside a box that scrolls (a virtual list too), and visually hidden text for screen readers are not cut.
 * Each entry names the piece, where it is and by how much it is cut.
 */
export async function findCutContent(page: Page, opts: TCutContentOptions = {}): Promise<string[]> {
  // Judge the page as it settles, not mid-way through a tree unfolding or a drawer sliding in.
  await page.evaluate(async () => {
    const finite = document
      .getAnimations()
      .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime ?? Number.POSITIVE_INFINITY)));
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
  return page.evaluate(({ within, boxes }) => {
    const MEDIA_TOLERANCE = 4;
    const roots = within ? [...document.querySelectorAll(within)] : [document.body];
    const boxSet = new Set(boxes ? [...document.querySelectorAll(boxes)] : []);
    const windowWidth = document.documentElement.clientWidth;
    const problems = new Set<string>();

    const nameOf = (el: Element): string => {
      const owner = el.closest('[data-testid]');
      const id = owner?.getAttribute('data-testid');
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/).filter(Boolean)[0] : '';
      return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${id ? ` in [data-testid="${id}"]` : ''}`;
    };
    /** The box inside the borders, where content is drawn and clipped. */
    const paddingBox = (el: Element) => {
      const r = el.getBoundingClientRect();
      const scale = el instanceof HTMLElement && el.offsetWidth > 0 ? r.width / el.offsetWidth : 1;
      const left = r.left + el.clientLeft * scale;
      const top = r.top + el.clientTop * scale;
      return { left, top, right: left + el.clientWidth * scale, bottom: top + el.clientHeight * scale };
    };
    const outside = (r: DOMRect, b: ReturnType<typeof paddingBox>, axis: 'x' | 'y'): number =>
      axis === 'x' ? Math.max(0, b.left - r.left, r.right - b.right) : Math.max(0, b.top - r.top, r.bottom - b.bottom);
    const isScroller = (value: string) => value === 'auto' || value === 'scroll';
    const isClipper = (value: string) => value === 'hidden' || value === 'clip';

    function check(rect: DOMRect, from: Element, tolerance: number, what: string): void {
      if (rect.width === 0 && rect.height === 0) return;
      const axes = { x: true, y: true };
      for (let el: Element | null = from; el && el !== document.documentElement; el = el.parentElement) {
        if (el === document.body) break;
        const style = getComputedStyle(el);
        const box = paddingBox(el);
        // Visually hidden text for screen readers lives in a box of a pixel or none.
        if (
          isClipper(style.overflowX) &&
          isClipper(style.overflowY) &&
          (box.right - box.left <= 1 || box.bottom - box.top <= 1)
        )
          return;
        for (const axis of ['x', 'y'] as const) {
          if (!axes[axis]) continue;
          const overflow = axis === 'x' ? style.overflowX : style.overflowY;
          // Inside a box that scrolls, content is reached by scrolling: nothing above it clips it for good. A virtual
          // list (antd's trees, selects, tables) hides its overflow and scrolls by its own scroll bar.
          const direction = axis === 'x' ? 'horizontal' : 'vertical';
          const hasOwnScrollbar = el.parentElement?.querySelector(`:scope > [class*="-scrollbar-${direction}"]`);
          if (isScroller(overflow) || hasOwnScrollbar) {
            axes[axis] = false;
            continue;
          }
          const isMeant =
            axis === 'x' ? style.textOverflow === 'ellipsis' : style.getPropertyValue('-webkit-line-clamp') !== 'none';
          const isClipped = isClipper(overflow) && !isMeant;
          if (!isClipped && !boxSet.has(el)) continue;
          const cut = outside(rect, box, axis);
          if (cut > tolerance) {
            const how = isClipped ? 'cut off by' : 'spills out of';
            problems.add(
              `${what} ${how} ${nameOf(el)} (${cut.toFixed(1)} px ${axis === 'x' ? 'sideways' : 'up or down'})`,
            );
            return;
          }
        }
      }
      if (axes.x) {
        const cut = Math.max(0, -rect.left, rect.right - windowWidth);
        if (cut > tolerance) problems.add(`${what} runs ${cut.toFixed(1)} px past the window's edge`);
      }
    }

    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const parent = node.parentElement;
        if (!text || !parent || parent.closest('svg, style, script, noscript, template')) continue;
        if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        const tolerance = Number.parseFloat(getComputedStyle(parent).fontSize) / 4;
        const range = document.createRange();
        range.selectNodeContents(node);
        const what = `text "${text.slice(0, 24)}" (${nameOf(parent)})`;
        for (const rect of range.getClientRects()) check(rect, parent, tolerance, what);
      }
      for (const media of root.querySelectorAll('img, canvas, video, svg')) {
        if (media.parentElement?.closest('svg')) continue;
        if (!media.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        const from = media.parentElement;
        if (from) check(media.getBoundingClientRect(), from, MEDIA_TOLERANCE, `${nameOf(media)}`);
      }
    }
    return [...problems];
  }, opts);
}
