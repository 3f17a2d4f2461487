/**
 * A page's React tree, the same on the server (server-render.tsx) and in the browser
 * (page-root.tsx): the same shape, so the ids React makes (useId) match when it hydrates.
 */
import { StrictMode, type ReactNode } from 'react';
import { HydrationEnd } from '../features/shared/hydration.ts';

export function PageTree({ children }: { children: ReactNode }) {
  return (
    <StrictMode>
      {children}
      {/* Last: its layout effect runs once the whole page has hydrated. */}
      <HydrationEnd />
    </StrictMode>
  );
}
