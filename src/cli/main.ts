#!/usr/bin/env node
/**
 * The `pipedrive-extract` executable: runs {@link main} with the process's arguments, environment and
 * streams; SIGINT or SIGTERM stop a sync after its last checkpoint (a second one exits at once).
 *
 * @example
 * // npx pipedrive-extract sync --out ./data --state ./state.json
 */
import { main } from './cli.js';

const controller = new AbortController();
let signals = 0;
const onSignal = (signal: NodeJS.Signals) => {
  signals += 1;
  if (signals > 1) process.exit(130);
  controller.abort(new Error(`received ${signal}`));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await main(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
process.exitCode = code;
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
