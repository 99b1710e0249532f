/**
 * List deals changed since a date, with their archived flag, page by page.
 *
 *   PIPEDRIVE_API_TOKEN=... PIPEDRIVE_DOMAIN=mycompany npx tsx examples/list-deals.ts 2025-01-01
 *
 * Without a token it starts the built-in fake Pipedrive and lists from there.
 */
import { pathToFileURL } from 'node:url';
import { Pipedrive } from '../src/index.js';
import { createDataset, createFakePipedrive } from '../src/testing/index.js';

/** Prints every deal changed since `since`; returns how many there were. */
export async function listDeals(pd: Pipedrive, since: string, print: (line: string) => void = console.log): Promise<number> {
  let count = 0;
  for await (const page of pd.deals({ updatedSince: since }).pages()) {
    for (const deal of page.items) {
      count += 1;
      print(`${deal.id}\t${deal.update_time}\t${deal.is_archived ? 'archived' : deal.status}\t${deal.title}`);
    }
  }
  return count;
}

async function main(): Promise<void> {
  const since = process.argv[2] ?? '2025-01-01';
  const token = process.env['PIPEDRIVE_API_TOKEN'];
  if (token) {
    const pd = new Pipedrive({ apiToken: token, domain: process.env['PIPEDRIVE_DOMAIN'] ?? '' });
    console.error(`${await listDeals(pd, since)} deals`);
    return;
  }
  const fake = createFakePipedrive({ dataset: createDataset({ seed: 1, counts: { deals: 1200 } }) });
  const server = await fake.listen();
  try {
    const pd = new Pipedrive({ apiToken: 'test-token', baseUrl: server.url });
    console.error(`${await listDeals(pd, since)} deals (from the fake Pipedrive at ${server.url})`);
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
