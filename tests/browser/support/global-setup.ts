import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium.ts';

/** Fail once, early and clearly, when no Chromium is installed (instead of in every test). */
export default function setup(): void {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(
      `[red-box] No Chromium at ${path}. Install Debian's package (apt-get install chromium) or set CHROME_PATH to a Chromium/Chrome binary.`,
    );
  }
}
