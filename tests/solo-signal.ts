/**
 * A vitest reporter for `npm test` (scripts/test.ts): when the first file of a `*-solo` project
 * starts (the files run one at a time after the others, vite.config.ts), it creates the file named
 * by RED_BOX_SOLO_SIGNAL. scripts/test.ts starts the type check and lint then: while the files
 * before run two at a time they keep both cores busy, and the solo files mostly wait on real-time
 * playback and page loads, leaving a core idle. Without the variable (any other vitest run) it does
 * nothing.
 */
import { writeFileSync } from 'node:fs';
// Types only: vite.config.ts imports this file, and the dev server and the build load that config
// too (as tests/test-order.ts).
import type { Reporter, TestModule } from 'vitest/node';

export default class SoloSignal implements Reporter {
  private signalled = false;

  onTestModuleStart(module: TestModule): void {
    const file = process.env.RED_BOX_SOLO_SIGNAL;
    if (!file || this.signalled || !module.project.name.endsWith('-solo')) return;
    this.signalled = true;
    writeFileSync(file, module.moduleId);
  }
}
