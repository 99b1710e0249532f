/**
 * Summarises V8 CPU profiles (`node --cpu-prof`, or `npm run bench -- --profile=DIR`): self time per function,
 * heaviest first.
 *
 *   npx tsx bench/lib/profile-summary.ts DIR_OR_FILE [top]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time per `function (file:line)`, as shares of all samples. */
export function selfTimes(profile: { nodes: ProfileNode[] }): [string, number][] {
  const totals = new Map<string, number>();
  let all = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    all += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/(src|bench)\//, '$1/');
    const key = `${functionName || '(anonymous)'} ${file ? `(${file}:${lineNumber + 1})` : ''}`;
    totals.set(key, (totals.get(key) ?? 0) + hits);
  }
  return [...totals].map(([key, hits]) => [key, hits / Math.max(1, all)] as [string, number]).sort((a, b) => b[1] - a[1]);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const target = process.argv[2] ?? '.';
  const top = Number(process.argv[3] ?? 30);
  const files = statSync(target).isDirectory() ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(target, f)) : [target];
  for (const file of files) {
    console.log(`\n${file}`);
    for (const [key, share] of selfTimes(JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] }).slice(0, top)) {
      console.log(`${(share * 100).toFixed(1).padStart(5)}%  ${key}`);
    }
  }
}
