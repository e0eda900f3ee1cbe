/** The committed wire types are what the model renders to: a stale file fails here. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serviceModel, type ServiceModel } from './model.js';
import { firstSentence, renderWireTypes } from './render-wire-types.js';

const committed = readFileSync(fileURLToPath(new URL('./wire-types.ts', import.meta.url)), 'utf8');

describe('wire types', () => {
  it('wire-types.ts is what the model renders to (else run: npx tsx scripts/generate-wire-types.ts)', () => {
    expect(renderWireTypes(serviceModel())).toBe(committed);
  });

  it('a change to the model changes the rendered text, so a stale file cannot pass', () => {
    const model = structuredClone(serviceModel()) as ServiceModel;
    model.shapes['RegisterDomainInput']!.members!['extra'] = { shape: 'Description' };
    expect(renderWireTypes(model)).not.toBe(committed);
    expect(renderWireTypes(model)).toContain('  extra?: string;');
  });

  it('names all 39 operations with their input and output shapes', () => {
    const names = Object.keys(serviceModel().operations);
    expect(names).toHaveLength(39);
    for (const name of names)
      expect(committed).toMatch(new RegExp(`^  ${name}: \\{ input: \\w+; output: \\w+ \\};$`, 'm'));
    expect(committed).toContain('  StartWorkflowExecution: { input: StartWorkflowExecutionInput; output: Run };');
    expect(committed).toContain('  RegisterDomain: { input: RegisterDomainInput; output: void };');
  });

  it('writes timestamps as epoch seconds and enums as unions', () => {
    expect(committed).toMatch(
      /\/\*\* The time when the execution was started\. Epoch seconds on the wire\. \*\/\n  startTimestamp: number;/,
    );
    expect(committed).toContain("export type RegistrationStatus = 'REGISTERED' | 'DEPRECATED';");
  });

  it('documents with the first sentence of the HTML, safe inside a comment', () => {
    expect(firstSentence('<p>Registers a <code>domain</code>. More.</p>')).toBe('Registers a domain.');
    expect(firstSentence('<p>a */ b &lt;x&gt;</p>')).toBe('a *\\/ b <x>');
    expect(firstSentence(undefined)).toBeUndefined();
  });
});
