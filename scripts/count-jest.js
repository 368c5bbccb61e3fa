#!/usr/bin/env node
// Sums jest's "Tests: ..." summary lines in a log (turbo prefixes each line
// with the package name) and prints "<passed> <failed>".
const fs = require('node:fs');

const log = fs.readFileSync(process.argv[2], 'utf8');
let passed = 0;
let failed = 0;
for (const line of log.split('\n')) {
  const summary = line.match(/Tests:\s+(.*\d+ total)/);
  if (!summary) continue;
  const failedMatch = summary[1].match(/(\d+) failed/);
  const passedMatch = summary[1].match(/(\d+) passed/);
  if (failedMatch) failed += Number(failedMatch[1]);
  if (passedMatch) passed += Number(passedMatch[1]);
}
process.stdout.write(`${passed} ${failed}\n`);
