/**
 * A project whose replay tests fail (vitest-output.test.ts runs vitest on it and reads what a user
 * would see): the repository's own resolution (packages from their sources), only the fixtures.
 */
import { defineConfig } from 'vitest/config';
import repository from '../../../../vitest.config.js';

export default defineConfig({
  resolve: repository.resolve,
  test: { include: ['*.fixture.ts'], pool: 'forks' },
});
