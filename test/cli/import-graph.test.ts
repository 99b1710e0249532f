import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module a source file reaches through static and dynamic imports, and the bare packages it names. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const target = match[1] ?? match[2]!;
      if (target.startsWith('.')) visit(resolve(dirname(file), target.replace(/\.js$/, '.ts')));
      else packages.add(target.startsWith('@') ? target.split('/').slice(0, 2).join('/') : target.split('/')[0]!);
    }
  };
  visit(resolve(entry));
  return { files, packages };
}

describe('the library does not load the command line', () => {
  for (const entry of ['src/index.ts', 'src/testing/index.ts']) {
    it(`${entry} reaches neither src/cli nor yaml`, () => {
      const { files, packages } = reach(join(process.cwd(), entry));
      expect([...files].map((f) => relative(process.cwd(), f)).filter((f) => f.startsWith(join('src', 'cli') + '/'))).toEqual([]);
      expect(files.size).toBeGreaterThan(10);
      expect(packages.has('yaml')).toBe(false);
    });
  }
});
