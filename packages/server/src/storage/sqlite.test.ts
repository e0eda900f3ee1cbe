/**
 * SQLite's native module failing to load (node_modules installed under another Node.js, copied from
 * another machine, never built) is reported as what it is, with the command that fixes it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorData, errorFromData } from '../thread/protocol.js';
import { NativeModuleError, nativeModuleError, openSqlite } from './sqlite.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** What Node 22 throws loading a better-sqlite3 built under Node 20 (copied from a real run). */
function abiMismatch(): Error {
  const err = new Error(
    "The module '/home/ada/my-app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
      'was compiled against a different Node.js version using\n' +
      'NODE_MODULE_VERSION 115. This version of Node.js requires\n' +
      'NODE_MODULE_VERSION 127. Please try re-compiling or re-installing\n' +
      'the module (for instance, using `npm rebuild` or `npm install`).',
  );
  return Object.assign(err, { code: 'ERR_DLOPEN_FAILED' });
}

describe('opening SQLite when its native module cannot be loaded', () => {
  it('a build that is not a loadable module (a real dlopen failure through better-sqlite3): what is wrong, what to run, where', () => {
    const project = mkdtempSync(join(tmpdir(), 'swf-flow-sqlite-'));
    dirs.push(project);
    const release = join(project, 'node_modules', 'better-sqlite3', 'build', 'Release');
    mkdirSync(release, { recursive: true });
    const binding = join(release, 'better_sqlite3.node');
    writeFileSync(binding, 'not a shared object');
    let err: unknown;
    try {
      openSqlite(':memory:', { nativeBinding: binding }).close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NativeModuleError);
    const e = err as NativeModuleError;
    expect(e.name).toBe('NativeModuleError');
    expect(e.message).toMatch(
      /^the local SWF service cannot open its database: SQLite's native module \(better-sqlite3, .*better_sqlite3\.node\) cannot be loaded on this system \(linux-|darwin-|win32-/,
    );
    expect(e.message).toContain(
      `To fix it, rebuild it for this Node.js (${process.execPath}) in ${project}: \`PATH="${dirname(process.execPath)}:$PATH" npm rebuild better-sqlite3\``,
    );
    expect((e.cause as { code?: string }).code).toBe('ERR_DLOPEN_FAILED');
  });

  it('node_modules installed under another Node.js: both versions, and the rebuild in the project that holds it', () => {
    const e = nativeModuleError(abiMismatch());
    expect(e).toBeInstanceOf(NativeModuleError);
    expect(e?.message).toBe(
      "the local SWF service cannot open its database: SQLite's native module (better-sqlite3, " +
        '/home/ada/my-app/node_modules/better-sqlite3/build/Release/better_sqlite3.node) was built for Node.js 20 ' +
        '(NODE_MODULE_VERSION 115) and this is Node.js 22 (NODE_MODULE_VERSION 127): node_modules was installed under another ' +
        `Node.js. To fix it, rebuild it for this Node.js (${process.execPath}) in /home/ada/my-app: ` +
        `\`PATH="${dirname(process.execPath)}:$PATH" npm rebuild better-sqlite3\` (it downloads a prebuilt binary, or compiles ` +
        'one with python3, make and a C++ compiler), or reinstall under it (`rm -rf node_modules && npm install`).',
    );
  });

  it('a module never built (installed with --ignore-scripts): says so', () => {
    const e = nativeModuleError(
      new Error('Could not locate the bindings file. Tried:\n → /x/build/better_sqlite3.node'),
    );
    expect(e?.message).toMatch(
      /was never built: node_modules was installed without running its install script\. To fix it, rebuild it for this Node\.js/,
    );
  });

  it('any other error is not one of these', () => {
    expect(
      nativeModuleError(Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' })),
    ).toBeUndefined();
    expect(nativeModuleError('text')).toBeUndefined();
    expect(openSqlite(':memory:').prepare('select 1 as one').get()).toEqual({ one: 1 });
  });

  it('crosses from the service thread (npm start runs the service on a thread of its own) as itself', () => {
    const e = nativeModuleError(abiMismatch()) as NativeModuleError;
    const arrived = errorFromData(structuredClone(errorData(e)));
    expect(arrived).toBeInstanceOf(NativeModuleError);
    expect(arrived.name).toBe('NativeModuleError');
    expect(arrived.message).toBe(e.message);
  });
});
