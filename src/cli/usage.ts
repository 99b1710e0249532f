/**
 * The help texts of `pipedrive-extract` and its commands.
 *
 * @example
 * process.stdout.write(USAGE.main);
 */
export const USAGE = {
  main: `Usage: pipedrive-extract <command> [options]

Read a Pipedrive account into JSON Lines files, incrementally.

Commands:
  sync       Sync streams into <out>/<object>.jsonl files, with resumable state
  streams    Print the catalog of streams
  discover   Print the columns and custom fields of the account's streams
  mock       Serve a fake Pipedrive on 127.0.0.1 (no account needed)

Options:
  -h, --help     Show help (also: pipedrive-extract <command> --help)
  -v, --version  Show the version

Credentials (sync, discover): PIPEDRIVE_API_TOKEN + PIPEDRIVE_DOMAIN, or Sling's connection
variable PIPEDRIVE='{ type: api, spec: pipedrive, secrets: { api_token: "...", domain: "..." } }',
or --env-file env.yaml (Sling's connections.PIPEDRIVE). PIPEDRIVE_BASE_URL / --base-url point at
a fake Pipedrive (loopback only). The token is never printed, logged or written.

Exit codes: 0 ok, 1 failure (also: a stream ended with an error), 2 bad configuration or usage,
3 authentication, 4 daily budget exhausted, 5 blocked by Cloudflare or forbidden, 130 interrupted.
Docs: docs/cli.md
`,
  sync: `Usage: pipedrive-extract sync [options]

Sync streams into <out>/<object>.jsonl (one record per line; deletions as {"_deleted":true,"id":...}
lines in the same file). With --state, a second run writes only what changed.

Options:
  --out <dir>                Output folder (created if missing)            [default: ./pipedrive-data]
  --state <file>             State file: read at start, written atomically after each checkpoint
  --streams <list>           Streams, comma-separated (names or * patterns)  [default: all 18]
  --mode <mode>              incremental | full-refresh (incremental where the API allows it)
  --anchor-date <date>       Where a first incremental run starts (YYYY-MM-DD) [default: one year ago]
  --custom-fields <mode>     raw | named                                      [default: raw]
  --concurrency <n>          Streams read side by side                        [default: 3]
  --rate <n>                 Fixed pace in requests/s                  [default: adaptive, from 2/s]
  --daily-token-budget <n>   Stop (exit 4, state kept) before spending more API tokens than this
  --retries <n>              Retries of a failed request (429, 5xx, network)  [default: 5]
  --timeout <ms>             Per-attempt timeout                              [default: 30000]
  --replication <file>       Sling replication file (source, defaults.mode, defaults.object, streams)
  --env-file <file>          Sling env.yaml (connections.<source>) or a NAME=value file
  --domain <name>            Company domain (instead of PIPEDRIVE_DOMAIN)
  --base-url <url>           Loopback origin of a fake Pipedrive (instead of the domain)
  --json                     One JSON progress event per line on stdout
  -h, --help                 Show this help
`,
  streams: `Usage: pipedrive-extract streams [--json]

Print the catalog: every stream with its endpoints, incremental strategy, primary key, cursor field
and token cost. --json prints one JSON object per stream and line.
`,
  discover: `Usage: pipedrive-extract discover [options]

Print the columns of each stream as named records have them: built-in columns, and the account's custom
fields with their types and options (reads the field catalogs of the account).

Options:
  --streams <list>     Only these streams
  --state <file>       Use the custom-field names kept in this state file
  --env-file <file>    Sling env.yaml or NAME=value file
  --domain <name>      Company domain (instead of PIPEDRIVE_DOMAIN)
  --base-url <url>     Loopback origin of a fake Pipedrive
  --rate <n>           Fixed pace in requests/s
  --daily-token-budget <n>  Tokens this run may spend
  --retries <n>        Retries of a failed request                  [default: 5]
  --timeout <ms>       Per-attempt timeout                          [default: 30000]
  --json               One JSON object per stream and line
  -h, --help           Show this help
`,
  mock: `Usage: pipedrive-extract mock [options]

Serve a fake Pipedrive (a generated, deterministic account) on 127.0.0.1 until Ctrl+C.

Options:
  --port <n>           Port on 127.0.0.1 (0: any free one)          [default: 4010]
  --size <n>           Number of deals; other streams in proportion [default: 200]
  --seed <n>           Seed of the generated account                [default: 1]
  --latency <ms>       Delay per response (plus up to half as much jitter) [default: 0]
  --rate-limit <n>     Requests per 2-second window                 [default: off]
  --token <token>      The token the fake accepts                   [default: test-token]
  --json               Print the URL and token as one JSON line
  -h, --help           Show this help
`,
} as const;
