import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, whether running from src/ (tests) or dist/src/ (built). */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(__dirname);
export const TEMPLATES_DIR = join(PROJECT_ROOT, 'templates');
