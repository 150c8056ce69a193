/**
 * A wide thing (a table) that scrolls sideways inside the page on narrow screens instead of
 * widening it. The region is named and focusable, so keyboard users can scroll it too.
 */
import type { ComponentChildren } from 'preact';
import './scroll-region.css';

export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
