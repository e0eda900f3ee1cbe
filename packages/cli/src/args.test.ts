import { describe, expect, it } from 'vitest';
import { type FlagSpec, describeFlags, parseCommandLine, parseFlags } from './args.js';

const SPECS: Record<string, FlagSpec> = {
  domain: { type: 'string', short: 'd', description: 'the domain' },
  follow: { type: 'boolean', short: 'f', description: 'follow' },
  json: { type: 'boolean', short: 'j', description: 'json' },
  limit: { type: 'count', short: 'n', description: 'at most' },
  since: { type: 'time', description: 'since' },
  wait: { type: 'duration', description: 'wait' },
  status: { type: 'string', choices: ['OPEN', 'CLOSED'], description: 'status' },
};
const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('parseCommandLine', () => {
  it.each([
    [['--domain', 'orders'], { domain: 'orders' }],
    [['--domain=orders'], { domain: 'orders' }],
    [['-d', 'orders'], { domain: 'orders' }],
    [['-dorders'], { domain: 'orders' }],
    [['-fj'], { follow: true, json: true }],
    [['--domain=-x'], { domain: '-x' }],
    [['-n', '25'], { limit: 25 }],
    [['--wait', '2m'], { wait: 120_000 }],
    [['--since', '2h'], { since: new Date(NOW - 7_200_000) }],
    [['--since', '2026-11-01'], { since: new Date('2026-11-01T00:00:00Z') }],
    [['--since', '2026-11-01T08:30:00+01:00'], { since: new Date('2026-11-01T07:30:00Z') }],
    // Without a zone: UTC, like every time the CLI prints (not the machine's local time).
    [['--since', '2026-11-01T08:30'], { since: new Date('2026-11-01T08:30:00Z') }],
    [['--status', 'CLOSED'], { status: 'CLOSED' }],
  ])('reads %j', (args, flags) => {
    expect(parseCommandLine('swf-flow x', args, SPECS, NOW)).toEqual({ flags, positionals: [] });
  });

  it.each([
    [['--domain', 'a', '--domain', 'b'], "--domain was given twice ('a', then 'b')"],
    [['-d', 'a', '--domain=b'], "-d (--domain) was given twice ('a', then as --domain 'b')"],
    [['--domain=a', '-db'], "--domain was given twice ('a', then as -d 'b')"],
    [['-n', '5', '-n', '5'], "-n (--limit) was given twice ('5', then '5')"],
    [['--since', '2h', '--since', '3h'], "--since was given twice ('2h', then '3h')"],
  ])('refuses a flag that takes one value given twice: %j', (args, said) => {
    expect(() => parseCommandLine('swf-flow x', args, SPECS, NOW)).toThrow(
      `swf-flow x: ${said}, and it takes one value: give it once; see 'swf-flow x --help'`,
    );
  });

  it('keeps every value of a repeatable flag, and a switch given twice is on', () => {
    const specs: Record<string, FlagSpec> = {
      ...SPECS,
      auth: { type: 'string', repeatable: true, description: 'a key' },
    };
    expect(parseCommandLine('swf-flow x', ['--auth', 'a', '--auth=b', '-j', '--json'], specs, NOW).flags).toEqual({
      auth: ['a', 'b'],
      json: true,
    });
    expect(describeFlags(specs)).toMatch(/--auth <string> +a key \(may be given more than once\)/);
  });

  it('keeps positionals in order, also after --', () => {
    expect(parseCommandLine('swf-flow x', ['a', '-f', 'b', '--', '-c', '--json'], SPECS, NOW)).toEqual({
      flags: { follow: true },
      positionals: ['a', 'b', '-c', '--json'],
    });
  });

  it.each([
    [['--nope'], "swf-flow x: unknown option --nope; see 'swf-flow x --help'"],
    [['-z'], "swf-flow x: unknown option -z; see 'swf-flow x --help'"],
    [['--domian', 'd'], "swf-flow x: unknown option --domian (did you mean --domain?); see 'swf-flow x --help'"],
    [['--Domain', 'd'], "swf-flow x: unknown option --Domain (did you mean --domain?); see 'swf-flow x --help'"],
    [['--folow'], "swf-flow x: unknown option --folow (did you mean --follow?); see 'swf-flow x --help'"],
    [['--domain'], 'swf-flow x: --domain needs a value (string)'],
    [['-d'], 'swf-flow x: -d (--domain) needs a value (string)'],
    [
      ['--domain', '-f'],
      "swf-flow x: --domain needs a value (string); got the option '-f' (write --domain=-f if that is the value)",
    ],
    [['--domain='], 'swf-flow x: --domain needs a non-empty value'],
    [['--follow=yes'], 'swf-flow x: --follow takes no value'],
    [['-n', '0'], "swf-flow x: --limit must be a whole number from 1; got '0'"],
    [['--limit', '2.5'], "swf-flow x: --limit must be a whole number from 1; got '2.5'"],
    [
      ['--since', 'yesterday'],
      "swf-flow x: --since must be a date/time like 2026-11-22 or 2026-11-22T20:00 (UTC unless it ends in Z or an offset like +01:00), or a time ago like 30m, 2h, 7d; got 'yesterday'",
    ],
    [['--since', '2026-13-45'], '--since must be a date/time'],
    [['--wait', 'soon'], "cannot read 'soon' as a duration"],
    [['--status', 'open'], "swf-flow x: --status must be one of OPEN, CLOSED; got 'open'"],
  ])('rejects %j', (args, message) => {
    expect(() => parseCommandLine('swf-flow x', args, SPECS, NOW)).toThrow(message);
  });

  it('parseFlags refuses positionals', () => {
    expect(() => parseFlags('swf-flow x', ['-f', 'extra'], SPECS)).toThrow(
      "swf-flow x: unexpected argument 'extra'; see 'swf-flow x --help'",
    );
  });

  it('lists flags with their aliases, placeholders, choices and defaults', () => {
    expect(
      describeFlags({
        domain: { type: 'string', short: 'd', placeholder: 'domain', description: 'the domain', defaultText: '$D' },
        status: SPECS.status as FlagSpec,
      }),
    ).toBe(
      [
        'Options:',
        '  -d, --domain <domain>         the domain (default: $D)',
        '      --status <string>         status (OPEN|CLOSED)',
      ].join('\n'),
    );
  });

  it('keeps a space between a long flag and its description', () => {
    const row = describeFlags({
      durability: { type: 'string', placeholder: 'full|normal', description: 'full: flushed first' },
    }).split('\n')[1];
    expect(row).toBe('      --durability <full|normal> full: flushed first');
  });
});
