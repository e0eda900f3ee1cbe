import { pageTokenSchema } from '../paging/page-tokens.js';

/** The registry's tables (prefixed `registry_` so they never meet the engine's), and the page tokens' key. */
export const registrySchema: readonly string[] = [
  ...pageTokenSchema,
  `CREATE TABLE IF NOT EXISTS registry_domains (
    name TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('REGISTERED', 'DEPRECATED')),
    description TEXT,
    retention TEXT NOT NULL,
    retention_days INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS registry_domain_tags (
    domain TEXT NOT NULL REFERENCES registry_domains(name),
    key TEXT NOT NULL,
    value TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (domain, key)
  )`,
  `CREATE TABLE IF NOT EXISTS registry_types (
    kind TEXT NOT NULL CHECK (kind IN ('workflow', 'activity')),
    domain TEXT NOT NULL REFERENCES registry_domains(name),
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('REGISTERED', 'DEPRECATED')),
    description TEXT,
    creation_date INTEGER NOT NULL,
    deprecation_date INTEGER,
    config TEXT NOT NULL,
    PRIMARY KEY (kind, domain, name, version)
  )`,
];
