/**
 * The command line of `npm create swf-flow` (and of `swf-flow init`): `[directory] [--name N]
 * [--from-tarballs DIR]`; prints what it wrote and the two commands to run next.
 */
import { relative } from 'node:path';
import { ownVersion, scaffold, type PackageSource } from './scaffold.js';

/** Where {@link createProject} writes its text. */
export interface CreateIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The help text, with `command` as the way the user called it. */
export function usageText(command = 'npm create swf-flow@latest'): string {
  return [
    `Usage: ${command} [directory] [--name <package-name>] [--from-tarballs <dir>]`,
    '',
    'Writes a new swf-flow project: an activity class, a workflow, a worker, a starter, a replay',
    'test with its fixture, a vitest config, a tsconfig and a README.',
    '',
    'Options:',
    '  --name <package-name>   the package name (default: the directory name)',
    "  --from-tarballs <dir>   take the @swf-flow packages from 'npm pack' tarballs in <dir>",
    '  --help                  show this help',
    '',
    `The directory defaults to 'swf-flow-app'. Then: cd <directory> && npm install && npm start`,
    '',
  ].join('\n');
}

/**
 * Runs the command with `args` (without `node` and the script); resolves with the exit status:
 * 0 when the project was written, 1 when it could not be, 2 on a usage error.
 *
 * @example
 * ```ts
 * const status = await createProject(['my-app'], { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
 * ```
 */
export async function createProject(
  args: readonly string[],
  io: CreateIo,
  command = 'npm create swf-flow@latest',
): Promise<number> {
  const positionals: string[] = [];
  let name: string | undefined;
  let packages: PackageSource | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.startsWith('--')
      ? arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined]
      : arg === '-h'
        ? [arg, undefined]
        : [undefined, undefined];
    if (flag === undefined) {
      positionals.push(arg);
      continue;
    }
    if (flag === '--help' || flag === '-h') {
      io.stdout(usageText(command));
      return 0;
    }
    if (flag !== '--name' && flag !== '--from-tarballs') {
      io.stderr(`${command}: unknown option '${flag}'\n\n${usageText(command)}`);
      return 2;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      io.stderr(`${command}: ${flag} needs a value\n`);
      return 2;
    }
    const before = flag === '--name' ? name : packages && 'tarballs' in packages ? packages.tarballs : undefined;
    if (before !== undefined) {
      io.stderr(
        `${command}: ${flag} was given twice ('${before}', then '${value}'), and it takes one value: give it once\n`,
      );
      return 2;
    }
    if (flag === '--name') name = value;
    else packages = { tarballs: value };
  }
  if (positionals.length > 1) {
    io.stderr(`${command}: one directory at most; got ${positionals.map((p) => `'${p}'`).join(', ')}\n`);
    return 2;
  }
  try {
    const result = await scaffold({ directory: positionals[0] ?? 'swf-flow-app', name, packages });
    const where = relative(process.cwd(), result.directory) || '.';
    io.stdout(
      [
        `Created ${result.name} in ${result.directory} (swf-flow ${ownVersion()}):`,
        ...result.files.map((f) => `  ${f}`),
        '',
        'Next:',
        `  cd ${where}`,
        '  npm install && npm start   # runs GreetingWorkflow on the local SWF service',
        '  npm test                   # type-checks and replays the recorded history',
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    io.stderr(`${command}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
