/* Writes openapi.yaml from src/schema/openapi.ts: `npm run openapi:generate`. */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import { spec } from './openapi';
import { toYaml } from './yaml';

export const OPENAPI_YAML_HEADER =
  'Generated from src/schema/openapi.ts by `npm run openapi:generate`: edit that file, not this one.';

export function openapiYaml(): string {
  return toYaml(spec, OPENAPI_YAML_HEADER);
}

if (require.main === module) {
  const file = resolvePackagePath(
    '@internal/plugin-itsec-backend',
    'openapi.yaml',
  );
  fs.writeFileSync(file, openapiYaml());
  process.stdout.write(`wrote ${file}\n`);
}
