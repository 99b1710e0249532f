/**
 * Is the fake Pipedrive ever the bottleneck? The fake runs alone in its own process (no memo: every page is
 * generated and serialised as it is asked for) and a fresh client process sweeps every deal over loopback,
 * first with raw `fetch` + `res.json()`, then with `pd.deals()` (validation on). For each sweep it compares
 * the CPU the server spent per record with the CPU the client spent per record: the ratio is how many times
 * more records per second the fake can serve than the client consumes.
 *
 *   npx tsx bench/fake-throughput.ts [deals]      # default 1,000,000
 */
import { createDataset } from '../src/testing/index.js';
import { runClient, startServer } from './lib/processes.js';
import type { ClientMode } from './client.js';

const NOW = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000).toISOString();

async function main(): Promise<void> {
  const deals = Number(process.argv[2] ?? 1_000_000);
  const createdAt = performance.now();
  createDataset({ seed: 1, counts: { deals }, now: NOW });
  const createMs = performance.now() - createdAt;
  console.log(`dataset: ${deals.toLocaleString('en')} deals created in ${createMs.toFixed(0)} ms (generated lazily, page by page)`);

  const server = await startServer({ seed: 1, counts: { deals }, now: NOW });
  try {
    const modes: [ClientMode, string][] = [
      ['raw', 'raw fetch + res.json()'],
      ['sdk', 'pd.deals(), validation on'],
    ];
    for (const [mode, label] of modes) {
      const before = await server.stats();
      const result = await runClient({ mode, url: server.url, apiToken: server.apiToken, rateLimit: { requestsPerSecond: 10_000 } });
      const after = await server.stats();
      if (result.skipped) throw new Error(`${mode}: ${result.skipped}`);
      const serverUs = (after.cpuUs - before.cpuUs) / result.records;
      const clientUs = result.cpuUs / result.records;
      const wallRate = (result.records / result.wallMs) * 1000;
      console.log(
        `${label}: ${result.records.toLocaleString('en')} records, ${wallRate.toFixed(0)} records/s over loopback; ` +
          `CPU per record: server ${serverUs.toFixed(2)} µs (${(1e6 / serverUs).toFixed(0)} records/s per core), ` +
          `client ${clientUs.toFixed(2)} µs (${(1e6 / clientUs).toFixed(0)} records/s); the fake serves ${(clientUs / serverUs).toFixed(2)}x what this client consumes; ` +
          `server peak RSS ${(after.maxRss / 1024 / 1024).toFixed(0)} MB`,
      );
    }
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
