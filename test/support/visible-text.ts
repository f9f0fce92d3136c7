import type { Page } from "playwright-core";

/** What must never reach a person's screen: placeholders, broken values and raw ids. */
export const INTERNAL_TEXT = [
  { name: "double underscore (an internal name)", pattern: /__/ },
  { name: "undefined", pattern: /\bundefined\b/ },
  { name: "NaN", pattern: /\bNaN\b/ },
  { name: "[object …]", pattern: /\[object/ },
  { name: "a 15+ digit number (a platform id)", pattern: /\d{15,}/ },
] as const;

/**
 * The visible text on the page that matches an internal-id or placeholder pattern, outside a
 * `<details>` disclosure (where ids are shown on purpose, for a support ticket) and outside an
 * element marked `data-reference` (an order or tracking number, which a buyer quotes). Form values
 * count too: a select shows its chosen option, an input its value.
 */
export async function internalTextOnScreen(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const visible = (element: Element) => element.checkVisibility({ visibilityProperty: true, opacityProperty: false } as CheckVisibilityOptions);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text || parent.closest("details, script, style, noscript")) continue;
      // Order and tracking numbers, and the values filled into a reply, are what buyers quote:
      // long numbers on purpose, marked as such where they are drawn.
      if (parent.closest("[data-reference]")) continue;
      if (parent.closest("option") ) continue; // options are checked through their select below
      if (visible(parent)) found.push(text);
    }
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input:not([type=hidden]), select, textarea")) {
      if (field.closest("details") || !visible(field)) continue;
      if (field instanceof HTMLSelectElement) found.push(...[...field.options].map((option) => option.text));
      else if (field.value) found.push(field.value);
      if ("placeholder" in field && field.placeholder) found.push(field.placeholder);
    }
    return found;
  });
  return texts.filter((text) => INTERNAL_TEXT.some(({ pattern }) => pattern.test(text)));
}
