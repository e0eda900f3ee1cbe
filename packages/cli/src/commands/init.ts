/** `swf-flow init [directory]`: writes a new project, as `npm create swf-flow` does. */
import { createProject } from 'create-swf-flow';
import type { CliIo } from '../io.js';

/** Runs `swf-flow init`. */
export async function initCommand(args: readonly string[], io: CliIo): Promise<number> {
  return createProject(args, io, 'swf-flow init');
}
