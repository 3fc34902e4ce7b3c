import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * How a CLI stops on bad input or a failure: `<command>: <message>` on stderr, exit code 1.
 * Give the result an explicit `(message: string) => never` type where it is stored, so
 * TypeScript narrows after calls to it.
 */
export function commandFailure(command: string): (message: string) => never {
  return (message) => {
    console.error(`${command}: ${message}`);
    process.exit(1);
  };
}

/** node's parseArgs, except that an unknown or malformed option fails with the usage line. */
export function parseCommandLine<Config extends ParseArgsConfig>(
  fail: (message: string) => never,
  usage: string,
  config: Config,
) {
  try {
    return parseArgs(config);
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`);
  }
}
