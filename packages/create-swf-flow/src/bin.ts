#!/usr/bin/env node
/** `npm create swf-flow@latest [directory]` runs this. */
import { createProject } from './cli.js';

process.exitCode = await createProject(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
});
