import type { Clock } from '../clock.js';
import type { Db } from '../db.js';

/** Quotas the registry enforces with `LimitExceededFault` (Amazon SWF's defaults). */
export interface RegistryLimits {
  /**
   * Domains per account, registered and deprecated together.
   * @default 100
   */
  domains: number;
  /**
   * Workflow and activity types per domain, registered and deprecated together.
   * @default 10000
   */
  typesPerDomain: number;
  /**
   * Tags per domain (`TooManyTagsFault` beyond).
   * @default 50
   */
  tagsPerDomain: number;
}

/** Options of the {@link Registry}. */
export interface RegistryOptions {
  /** The service's database (with {@link registrySchema} applied). */
  db: Db;
  /** The service's clock: registration and deprecation dates. */
  clock: Clock;
  /**
   * The region in domain ARNs.
   * @default 'us-east-1'
   */
  region?: string;
  /**
   * The account id in domain ARNs.
   * @default '000000000000'
   */
  accountId?: string;
  /** Quotas; each defaults to Amazon SWF's. */
  limits?: Partial<RegistryLimits>;
}

/** The registry's compiled options, shared by its operation modules. */
export interface RegistryContext {
  db: Db;
  clock: Clock;
  region: string;
  accountId: string;
  limits: RegistryLimits;
}

/** Fills in the defaults of {@link RegistryOptions}. */
export function compileRegistryOptions(options: RegistryOptions): RegistryContext {
  return {
    db: options.db,
    clock: options.clock,
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '000000000000',
    limits: { domains: 100, typesPerDomain: 10_000, tagsPerDomain: 50, ...options.limits },
  };
}

/** The ARN of a domain: `arn:aws:swf:<region>:<account>:/domain/<name>`. */
export function domainArn(ctx: RegistryContext, name: string): string {
  return `arn:aws:swf:${ctx.region}:${ctx.accountId}:/domain/${name}`;
}

/** SWF timestamps on the wire: epoch seconds (fractional). */
export function toEpochSeconds(ms: number): number {
  return ms / 1000;
}
