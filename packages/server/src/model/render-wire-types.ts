/**
 * Renders `wire-types.ts`: a TypeScript type for every shape an operation of the SWF model takes or
 * returns, in wire form, and the map from operation name to its input and output. Pure (model in,
 * source text out), so the staleness test and `scripts/generate-wire-types.ts` render the same text.
 */
import type { ModelMember, ModelShape, ServiceModel } from './model.js';

/** Prettier's line width for this repository: a union that fits stays on one line. */
const PRINT_WIDTH = 120;

/** The first sentence of a model documentation string (HTML), as plain text safe inside a comment. */
export function firstSentence(html: string | undefined): string | undefined {
  if (!html) return undefined;
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:)])/g, '$1')
    .replace(/\( /g, '(')
    .trim();
  if (text === '') return undefined;
  const end = text.search(/\.(\s|$)/);
  const sentence = end === -1 ? text : text.slice(0, end + 1);
  return sentence.replace(/\*\//g, '*\\/');
}

/** Every shape reachable from the operations' inputs and outputs, by name. */
function reachableShapes(model: ServiceModel): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const shape = model.shapes[name];
    if (!shape) throw new Error(`The SWF model refers to a shape it does not define: ${name}`);
    for (const member of Object.values(shape.members ?? {})) visit(member.shape);
    if (shape.member) visit(shape.member.shape);
  };
  for (const op of Object.values(model.operations)) {
    if (op.input) visit(op.input.shape);
    if (op.output) visit(op.output.shape);
  }
  return [...seen].sort();
}

/** Whether a shape gets a named type of its own (structures and enums); the rest are written inline. */
function isNamed(shape: ModelShape): boolean {
  return shape.type === 'structure' || (shape.type === 'string' && shape.enum !== undefined);
}

/** The TypeScript type of a member of shape `name`. */
function typeOf(model: ServiceModel, name: string): string {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`The SWF model refers to a shape it does not define: ${name}`);
  if (isNamed(shape)) return name;
  switch (shape.type) {
    case 'list':
      if (!shape.member) throw new Error(`List shape ${name} has no member`);
      return `${typeOf(model, shape.member.shape)}[]`;
    case 'string':
      return 'string';
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
    case 'timestamp':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'unknown';
  }
}

/** A `/** ... *\/` line at `indent`, or nothing without documentation. */
function docLine(indent: string, text: string | undefined): string[] {
  return text ? [`${indent}/** ${text} */`] : [];
}

/** What a member's documentation adds about its wire form (timestamps are epoch seconds). */
function memberDoc(model: ServiceModel, member: ModelMember): string | undefined {
  const text = firstSentence(member.documentation);
  if (model.shapes[member.shape]?.type !== 'timestamp') return text;
  return text ? `${text} Epoch seconds on the wire.` : 'Epoch seconds on the wire.';
}

function renderStructure(model: ServiceModel, name: string, shape: ModelShape): string[] {
  const required = new Set(shape.required ?? []);
  const lines = [...docLine('', firstSentence(shape.documentation) ?? `The \`${name}\` shape.`)];
  const members = Object.entries(shape.members ?? {});
  if (members.length === 0) return [...lines, `export type ${name} = Record<string, never>;`];
  lines.push(`export interface ${name} {`);
  for (const [memberName, member] of members) {
    lines.push(...docLine('  ', memberDoc(model, member)));
    lines.push(`  ${memberName}${required.has(memberName) ? '' : '?'}: ${typeOf(model, member.shape)};`);
  }
  lines.push('}');
  return lines;
}

function renderEnum(name: string, shape: ModelShape): string[] {
  const values = (shape.enum ?? []).map((v) => `'${v}'`);
  const doc = firstSentence(shape.documentation) ?? `The values of \`${name}\`.`;
  const oneLine = `export type ${name} = ${values.join(' | ')};`;
  if (oneLine.length <= PRINT_WIDTH) return [...docLine('', doc), oneLine];
  const nextLine = `  ${values.join(' | ')};`;
  if (nextLine.length <= PRINT_WIDTH) return [...docLine('', doc), `export type ${name} =`, nextLine];
  return [
    ...docLine('', doc),
    `export type ${name} =`,
    ...values.map((v, i) => `  | ${v}${i === values.length - 1 ? ';' : ''}`),
  ];
}

function renderOperations(model: ServiceModel): string[] {
  const lines = [
    '/** Every operation of the model: its input and its output (`void`: the operation answers `{}`). */',
    'export interface SwfOperations {',
  ];
  for (const name of Object.keys(model.operations).sort()) {
    const op = model.operations[name]!;
    lines.push(...docLine('  ', firstSentence(op.documentation)));
    const input = op.input ? op.input.shape : 'Record<string, never>';
    const output = op.output ? op.output.shape : 'void';
    lines.push(`  ${name}: { input: ${input}; output: ${output} };`);
  }
  lines.push(
    '}',
    '',
    '/** The name of an operation of the model. */',
    'export type SwfOperationName = keyof SwfOperations;',
  );
  return lines;
}

/** The source text of `wire-types.ts` for `model`. */
export function renderWireTypes(model: ServiceModel): string {
  const out = [
    '/**',
    ' * The SWF API in wire form, generated from `model/service-2.json` by `scripts/generate-wire-types.ts`',
    ' * (do not edit; run `npx tsx scripts/generate-wire-types.ts`): one type per shape an operation takes',
    ' * or returns, members required as the model requires them, timestamps as epoch seconds.',
    ' */',
  ];
  for (const name of reachableShapes(model)) {
    const shape = model.shapes[name]!;
    if (!isNamed(shape)) continue;
    out.push('');
    out.push(...(shape.type === 'structure' ? renderStructure(model, name, shape) : renderEnum(name, shape)));
  }
  out.push('', ...renderOperations(model));
  return `${out.join('\n')}\n`;
}
