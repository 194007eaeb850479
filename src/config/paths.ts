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
/** TEMPLATES_DIR lets a deployment use its own designs; the repository's by default. */
export const templatesDir = (): string => process.env.TEMPLATES_DIR || join(PROJECT_ROOT, 'templates');
export const SAMPLES_DIR = join(PROJECT_ROOT, 'samples');
