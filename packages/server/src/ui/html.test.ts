import { describe, expect, it } from 'vitest';
import { escapeHtml, formatTime, html, layout, prettyJson } from './html.js';

describe('html', () => {
  it('escapes every interpolated value, once', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    const cell = html`<td>${'<script>'}</td>`;
    expect(html`<tr>${[cell, cell]}${null}${undefined}${false}${0}</tr>`.value).toBe(
      '<tr><td>&lt;script&gt;</td><td>&lt;script&gt;</td>0</tr>',
    );
  });

  it('lays out a page with an optional refresh', () => {
    expect(layout({ title: '<t>' }, html``)).toContain('<h1>&lt;t&gt;</h1>');
    expect(layout({ title: 't' }, html``)).not.toContain('refresh');
    expect(layout({ title: 't', refreshSeconds: 2 }, html``)).toContain('<meta http-equiv="refresh" content="2">');
  });

  it('formats wire times and pretty-prints JSON strings only', () => {
    expect(formatTime(0.5)).toBe('1970-01-01 00:00:00.500Z');
    expect(formatTime(undefined)).toBe('–');
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('{not json')).toBe('{not json');
    expect(prettyJson('plain')).toBe('plain');
  });
});
