/**
 * The service's `nextPageToken`s, for every paged operation (the registry's lists, the execution
 * lists, history pages). A token is opaque: the page position (the sort key of the last item
 * returned, or the next event id), the operation that made it, a fingerprint of the arguments that
 * must stay unchanged between pages and the time it was made, sealed with AES-256-GCM under a key
 * kept in the database (`page_token_key`, made once at random). So a token shows nothing of the
 * service's tables or queries, a changed or cut token fails its authentication, and a token from
 * another database (another data directory, a service started afresh in memory) is refused; tokens
 * stay good across a restart of the same data directory.
 *
 * Each refusal is a `ValidationException` naming the operation and saying which of these it was:
 * not a token of this service, a token of another operation, a token of other arguments, or one
 * older than 24 hours (Amazon SWF's tokens expire after 24 hours with "Specified token has exceeded
 * its maximum lifetime").
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db.js';
import { prep } from '../engine/statements.js';
import { validation } from '../faults.js';

/** The operations that page with `nextPageToken`. */
export const PAGED_OPERATIONS = [
  'ListDomains',
  'ListWorkflowTypes',
  'ListActivityTypes',
  'ListOpenWorkflowExecutions',
  'ListClosedWorkflowExecutions',
  'GetWorkflowExecutionHistory',
  'PollForDecisionTask',
] as const;

/** An operation that pages with `nextPageToken`. */
export type PagedOperation = (typeof PAGED_OPERATIONS)[number];

/** How long a token is good for, as Amazon SWF's (ms). */
export const PAGE_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The table of the sealing key (one row), created with the registry's and the engine's tables. */
export const pageTokenSchema: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS page_token_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key BLOB NOT NULL CHECK (length(key) = 32)
  )`,
  // SQLite's randomblob draws on its CSPRNG (seeded from the operating system).
  `INSERT OR IGNORE INTO page_token_key (id, key) VALUES (1, randomblob(32))`,
];

/** Authenticated with every token, so that a token of another format never opens. */
const AAD = Buffer.from('swf-flow nextPageToken v1', 'latin1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

const keys = new WeakMap<Db, Buffer>();

function keyOf(db: Db): Buffer {
  let key = keys.get(db);
  if (key === undefined) {
    const row = prep(db, 'SELECT key FROM page_token_key WHERE id = 1').get() as { key: Buffer } | undefined;
    if (row === undefined) throw new Error('page_token_key is missing: open the database with pageTokenSchema');
    key = row.key;
    keys.set(db, key);
  }
  return key;
}

/** The arguments' fingerprint carried in a token (8 bytes of SHA-256, as base64url). */
function fingerprint(query: string): string {
  return createHash('sha256').update(query, 'utf8').digest().subarray(0, 8).toString('base64url');
}

/** What a token holds: operation index, arguments' fingerprint, made at (s), position. */
type Sealed = [number, string, number, unknown];

/** Where the pager is, how the token's operation and arguments are checked, and when it is read. */
export interface PageTokenScope {
  /** The database whose key seals the token. */
  db: Db;
  /** The operation the token belongs to. */
  operation: PagedOperation;
  /** The arguments that must stay unchanged between pages, as one string. */
  query: string;
  /** Now, in epoch ms (the service's clock). */
  now: number;
}

/** Seals `position` into an opaque token of `scope`'s operation and arguments. */
export function sealPageToken(scope: PageTokenScope, position: unknown): string {
  const sealed: Sealed = [
    PAGED_OPERATIONS.indexOf(scope.operation),
    fingerprint(scope.query),
    Math.floor(scope.now / 1000),
    position,
  ];
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(scope.db), nonce);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify(sealed), 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
}

function refuse(operation: PagedOperation, why: string): never {
  throw validation(`The nextPageToken is not valid for this ${operation} request: ${why}`);
}

/**
 * Opens a token made by {@link sealPageToken} for the same operation and arguments, within its
 * lifetime, and returns its position; refuses anything else (see the module comment).
 */
export function openPageToken(scope: PageTokenScope, token: string): unknown {
  const { operation } = scope;
  const again = `Pass the nextPageToken the previous ${operation} call returned, unchanged, or leave it out to start from the first page.`;
  const bytes = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url') : Buffer.alloc(0);
  let sealed: unknown;
  if (bytes.length > NONCE_BYTES + TAG_BYTES) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', keyOf(scope.db), bytes.subarray(0, NONCE_BYTES));
      decipher.setAAD(AAD);
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const text = Buffer.concat([
        decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
      sealed = JSON.parse(text);
    } catch {
      sealed = undefined;
    }
  }
  if (!Array.isArray(sealed) || sealed.length !== 4) {
    refuse(
      operation,
      'it is not a token this service made (cut short or changed, or made by another service or data directory). ' +
        again,
    );
  }
  const [index, print, madeAt, position] = sealed as Sealed;
  const maker = PAGED_OPERATIONS[index];
  if (maker !== operation) {
    refuse(operation, `it was made by ${maker ?? 'another operation'}, and pages only that. ${again}`);
  }
  if (print !== fingerprint(scope.query)) {
    refuse(
      operation,
      'it was made for other arguments: keep every argument but nextPageToken and maximumPageSize as it was in the call that returned the token. ' +
        again,
    );
  }
  if (scope.now - madeAt * 1000 > PAGE_TOKEN_LIFETIME_MS) {
    refuse(
      operation,
      'specified token has exceeded its maximum lifetime (a token is good for 24 hours, as in Amazon SWF). ' +
        `Start again from the first page (leave nextPageToken out).`,
    );
  }
  return position;
}
