/**
 * Throughput of the fake Pipedrive: sweeps every deal of a 1,000,000-deal dataset over loopback with plain
 * `fetch` + `res.json()` (limit 500) and prints records/s and peak RSS.
 *
 *   npx tsx bench/fake-throughput.ts [deals]
 */
import { createDataset, createFakePipedrive } from '../src/testing/index.js';

async function main(): Promise<void> {
  const deals = Number(process.argv[2] ?? 1_000_000);
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  sample.unref();

  const createdAt = performance.now();
  const dataset = createDataset({ seed: 1, counts: { deals } });
  const createMs = performance.now() - createdAt;
  const fake = createFakePipedrive({ dataset });
  const server = await fake.listen();
  try {
    const started = performance.now();
    let records = 0;
    let pages = 0;
    let cursor: string | null = null;
    do {
      const url = new URL('/api/v2/deals', server.url);
      url.searchParams.set('limit', '500');
      if (cursor) url.searchParams.set('cursor', cursor);
      const res = await fetch(url, { headers: { 'x-api-token': fake.apiToken } });
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { data: unknown[]; additional_data: { next_cursor: string | null } };
      records += body.data.length;
      pages += 1;
      cursor = body.additional_data.next_cursor;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    } while (cursor);
    const seconds = (performance.now() - started) / 1000;
    console.log(`dataset: ${deals.toLocaleString('en')} deals created in ${createMs.toFixed(0)} ms`);
    console.log(`sweep:   ${records.toLocaleString('en')} deals in ${pages} pages, ${seconds.toFixed(2)} s`);
    console.log(`rate:    ${Math.round(records / seconds).toLocaleString('en')} records/s, ${(pages / seconds).toFixed(0)} pages/s`);
    console.log(`memory:  peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    clearInterval(sample);
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
