/** Command-line options of `npm run bench`. */
export interface BenchArguments {
  quick: boolean;
  /** Run the server with --cpu-prof and keep the profiles. */
  cpuProfile: boolean;
  /** Keep the temporary data directory and server logs. */
  keep: boolean;
  help: boolean;
}

export const benchUsage = `Usage: npm run bench [-- --quick] [-- --cpu-prof] [-- --keep]

  --quick     fewer requests, starter corpus only (about a minute; run by npm test)
  --cpu-prof  profile the server (node --cpu-prof); the .cpuprofile files are kept
  --keep      keep the temporary data directory and the server logs
  --help      show this help`;

const flags: Record<string, keyof BenchArguments> = {
  '--quick': 'quick',
  '--cpu-prof': 'cpuProfile',
  '--keep': 'keep',
  '--help': 'help',
  '-h': 'help',
};

/** Parses the flags; throws with the usage text on anything unknown. */
export function parseBenchArguments(argv: readonly string[]): BenchArguments {
  const parsed: BenchArguments = { quick: false, cpuProfile: false, keep: false, help: false };
  for (const argument of argv) {
    const name = flags[argument];
    if (!name) throw new Error(`unknown option ${JSON.stringify(argument)}\n\n${benchUsage}`);
    parsed[name] = true;
  }
  return parsed;
}
