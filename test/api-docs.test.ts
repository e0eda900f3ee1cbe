/**
 * The API reference: every package's public face opens with a `@module` block that has an
 * example, every public factory (an exported function or a static method that returns a new
 * instance or builder: `create*`, `define*`, `proxy*`, `*Builder`, `*Config`, `Worker.create`,
 * `ApplicationFailure.nonRetryable`, ...) has an `@example`, and (slow) typedoc builds the
 * reference that `npm run docs` writes with no warning.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const entries = readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'src/index.ts'));
const FACTORY_NAME = /^(create|define|proxy|make|new|build)[A-Z]|Builder$|Config$/;

const program = ts.createProgram(entries, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  experimentalDecorators: true,
  noEmit: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();

function hasExample(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((t) => t.tagName.text === 'example');
}

/** The class a static method returns an instance of (directly or through a Promise), if it is `cls`. */
function returnsInstanceOf(method: ts.MethodDeclaration, cls: ts.Symbol): boolean {
  const signature = checker.getSignatureFromDeclaration(method);
  if (!signature) return false;
  let type = checker.getReturnTypeOfSignature(signature);
  const awaited = checker.getAwaitedType(type);
  if (awaited) type = awaited;
  return type.getSymbol() === cls;
}

/** Public factories of one package lacking an @example. */
function factoriesWithoutExample(entry: string): string[] {
  const source = program.getSourceFile(entry);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`cannot read ${entry}`);
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.valueDeclaration;
    if (!decl) continue;
    if (ts.isFunctionDeclaration(decl) && FACTORY_NAME.test(exported.name) && !hasExample(decl))
      missing.push(exported.name);
    if (ts.isClassDeclaration(decl)) {
      for (const member of decl.members) {
        const isStatic =
          ts.isMethodDeclaration(member) && member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (isStatic && returnsInstanceOf(member, symbol) && !hasExample(member))
          missing.push(`${exported.name}.${member.name.getText()}`);
      }
    }
  }
  return missing;
}

describe('API documentation', () => {
  it.each(entries.map((e) => [e.slice(root.length)]))('%s opens with a @module block with an example', (entry) => {
    const text = program.getSourceFile(join(root, entry))?.getFullText() ?? '';
    const header = /^\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? '';
    expect(header).toMatch(/@module /);
    expect(header).toMatch(/@example/);
  });

  it('every public factory has an @example', () => {
    const missing = entries.flatMap((entry) =>
      factoriesWithoutExample(entry).map((name) => `${entry.slice(root.length)}: ${name}`),
    );
    expect(missing).toEqual([]);
    // The check sees what it should: these are factories and have examples.
    expect(factoriesWithoutExample(join(root, 'packages/worker/src/index.ts'))).toEqual([]);
  });

  it(
    'typedoc builds the reference (npm run docs) without warnings (slow)',
    async () => {
      await promisify(execFile)(
        process.execPath,
        [join(root, 'node_modules/typedoc/bin/typedoc'), '--emit', 'none', '--treatWarningsAsErrors'],
        { cwd: root, timeout: 5 * 60_000 },
      ).catch((err: { stdout?: string; stderr?: string }) => {
        const output = `${err.stdout ?? ''}${err.stderr ?? ''}`; // typedoc prints warnings on stderr
        throw new Error(`typedoc reported problems:\n${output || String(err)}`);
      });
    },
    6 * 60_000,
  );
});
