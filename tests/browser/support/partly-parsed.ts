/**
 * A served page painted before it is all parsed (issue 19): what the reader already sees must not
 * move as the rest arrives (a browser paints a document while it is still arriving, on a slow
 * network or a slow phone).
 */

/**
 * The served page as a browser may paint it before it has all arrived: for each element `cut` in
 * document order (up to the transcript's `rows`th row), the page with nothing after `cut`, as if
 * parsing had stopped there. Gives the elements shown then (visible, with a size) whose place
 * differs from the one they have in the whole page by 1 px or more: each would be a layout shift
 * the reader sees as more of the page arrives. Runs in the page:
 * `page.evaluate(movedWhilePartlyParsed, rows)`, on a served page whose app is held back.
 */
export function movedWhilePartlyParsed(rows: number): string[] {
  const root = document.getElementById('root')!;
  const elements = [...root.querySelectorAll('*')];
  const place = (element: Element) => {
    const box = element.getBoundingClientRect();
    return { x: box.x, y: box.y, shown: box.width > 0 && box.height > 0 };
  };
  const whole = new Map(elements.map((element) => [element, place(element)]));
  const lastCut = document.querySelectorAll('.transcript-row')[rows];
  const name = (element: Element) =>
    `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`;
  const moved = new Set<string>();
  const inLineText = (element: Element) => Boolean(element.parentElement?.closest('.line__text'));
  for (const cut of elements) {
    if (lastCut && (cut === lastCut || lastCut.compareDocumentPosition(cut) & 4)) break;
    // A line's words are elements (timed words, Contract 9) but text to the reader: as with the
    // text of a line whose words are not elements, no cut is made inside it and its words are
    // not measured (a line cut before its copy button is wider, and wraps, as any text does).
    if (inLineText(cut)) continue;
    // What follows `cut` (its later siblings, and each ancestor's), taken out and put back.
    const taken: { node: Node; parent: Node; before: Node | null }[] = [];
    for (let at: Node = cut; at !== root; at = at.parentNode!) {
      while (at.nextSibling) {
        const node = at.nextSibling;
        taken.push({ node, parent: at.parentNode!, before: node.nextSibling });
        node.remove();
      }
    }
    for (const element of elements) {
      if (!element.isConnected || getComputedStyle(element).visibility !== 'visible') continue;
      if (inLineText(element)) continue;
      const now = place(element);
      const then = whole.get(element)!;
      if (now.shown && (Math.abs(now.x - then.x) >= 1 || Math.abs(now.y - then.y) >= 1)) {
        moved.add(`${name(element)} (parsed up to ${name(cut)}): y ${now.y} → ${then.y}`);
      }
    }
    for (const { node, parent, before } of taken.reverse()) parent.insertBefore(node, before);
  }
  return [...moved];
}
