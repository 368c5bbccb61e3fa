/*
 * One timed run of catalogProcessing.js, in a process of its own: receives
 * { arm, file, expected, recordFile } from the parent, ingests the catalog
 * with that arm's module (arms.js) and sends back what ingest() measured,
 * with the module arm's inside clock. The 'record' arm is the untimed
 * warm-up: the module, keeping what it emits per entity in recordFile for
 * the replay arms.
 */
'use strict';

require('@backstage/cli/config/nodeTransform.cjs');

const fs = require('node:fs');
const { ingest } = require('./engine.js');
const { baselineArm, replayArm, moduleArm } = require('./arms.js');

process.once('message', async ({ arm, file, expected, recordFile }) => {
  try {
    const clock = { ms: 0, lookups: 0, lookupMs: 0 };
    const replayed = () =>
      new Map(JSON.parse(fs.readFileSync(recordFile, 'utf8')));
    const record = arm === 'record' ? new Map() : undefined;
    const features = {
      record: () => [moduleArm({ clock, record })],
      baseline: () => [baselineArm()],
      relations: () => [replayArm(replayed(), { status: false })],
      status: () => [replayArm(replayed(), { status: true })],
      module: () => [moduleArm({ clock })],
    }[arm]();
    global.gc?.();
    const result = await ingest({ file, expected, features });
    if (record) fs.writeFileSync(recordFile, JSON.stringify([...record]));
    process.send({ ...result, clock }, () => process.exit(0));
  } catch (e) {
    console.error(e);
    process.exit(2);
  }
});
