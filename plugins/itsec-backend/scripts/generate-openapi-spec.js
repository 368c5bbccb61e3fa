#!/usr/bin/env node
/*
 * Writes src/schema/openapi.generated.ts (git-ignored) from openapi.yaml, the
 * one source of the HTTP contract: `export const spec = {...} as const`, from
 * which the typed router derives handler types. Runs on `npm ci` (the root
 * postinstall), before the backend's build and tests, and before the root tsc.
 */
const fs = require('node:fs');
const path = require('node:path');
/** A root devDependency, or undefined in an install without them. */
function devDependency(name) {
  try {
    // eslint-disable-next-line @backstage/no-undeclared-imports
    return require(name);
  } catch {
    return undefined;
  }
}

// The repository root's devDependencies: this runs from the root's
// postinstall, before any package is built, and is not shipped.
const prettier = devDependency('prettier');
const YAML = devDependency('yaml');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'openapi.yaml');
const target = path.join(root, 'src/schema/openapi.generated.ts');

/** The text openapi.generated.ts should hold for today's openapi.yaml. */
function renderSpecModule() {
  const spec = YAML.parse(fs.readFileSync(source, 'utf8'));
  const text = [
    '// Generated from openapi.yaml by scripts/generate-openapi-spec.js: edit openapi.yaml, not this file.',
    '/* eslint-disable */',
    '',
    '/** The itsec HTTP API (openapi.yaml) as a literal, for the typed router. */',
    `export const spec = ${JSON.stringify(spec, null, 2)} as const;`,
    '',
  ].join('\n');
  // Formatted as the repository's prettier check expects.
  return prettier.format(text, {
    ...prettier.resolveConfig.sync(target),
    filepath: target,
  });
}

module.exports = { renderSpecModule, target };

if (require.main === module) {
  if (!prettier || !YAML) {
    // An install without devDependencies builds nothing, so needs no types.
    process.stdout.write(
      'openapi.generated.ts not written: no yaml/prettier\n',
    );
    process.exit(0);
  }
  const text = renderSpecModule();
  if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) {
    fs.writeFileSync(target, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
  }
}
