import { ConfigError, UserError } from '../config/errors.js';
import { coreVersion, pluginVersion } from '../version.js';
import { parseCliArguments } from './args.js';
import { HELP } from './help.js';
import { processIO, type CliIO } from './io.js';

type ExplainModule = {
  runExplain(args: string[], io: Pick<CliIO, 'stdout' | 'stderr' | 'cwd'>): Promise<number>;
};

async function runExplainCommand(args: string[], io: CliIO): Promise<number> {
  let module: ExplainModule;
  try {
    module = (await import('../explain/index.js')) as ExplainModule;
  } catch (error) {
    // Only the explain module itself missing means "not in this build"; a missing dependency of it is a bug.
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && /explain[\\/]index\.js/u.test((error as Error).message)) {
      throw new UserError('the explain command is not available in this build of ase-gpu-lint.');
    }
    throw error;
  }
  return module.runExplain(args, { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd });
}

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  try {
    if (argv[0] === 'explain') return await runExplainCommand(argv.slice(1), io);
    if (argv[0] === 'rules') {
      const { runRulesCommand } = await import('../commands/rules.js');
      return await runRulesCommand(argv.slice(1), io);
    }
    const options = parseCliArguments(argv);
    if (options.help) {
      io.stdout.write(HELP);
      return 0;
    }
    if (options.version) {
      io.stdout.write(`ase-gpu-lint ${coreVersion} (eslint-plugin-ase-gpu ${pluginVersion()})\n`);
      return 0;
    }
    if (options.init) {
      const { runInit } = await import('../commands/init.js');
      return await runInit(options, io);
    }
    if (options.printConfig !== undefined) {
      const { runPrintConfig } = await import('../commands/print-config.js');
      return await runPrintConfig(options, io);
    }
    if (options.listRules) {
      const { runListRules } = await import('../commands/rules.js');
      return await runListRules(options, io);
    }
    const { runLintCommand } = await import('./lint-command.js');
    return await runLintCommand(options, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`ase-gpu-lint: ${error.describe(io.cwd)}\n`);
      return 2;
    }
    if (error instanceof UserError || (error as { userError?: boolean }).userError) {
      io.stderr.write(`ase-gpu-lint: ${(error as Error).message}\n`);
      return 2;
    }
    io.stderr.write(`ase-gpu-lint: internal error, please report it with the command and files:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
