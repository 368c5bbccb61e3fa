import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * SQLite always; PostgreSQL when `BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING`
 * is set (no Docker here: without a connection string those cases are skipped).
 */
export function createTestDatabases(): TestDatabases {
  const ids: TestDatabaseId[] = [
    'SQLITE_3',
    'POSTGRES_15',
    'POSTGRES_16',
    'POSTGRES_17',
    'POSTGRES_18',
  ];
  return TestDatabases.create({ ids, disableDocker: true });
}

export function hasPostgres(): boolean {
  return Object.keys(process.env).some(k =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
  );
}
