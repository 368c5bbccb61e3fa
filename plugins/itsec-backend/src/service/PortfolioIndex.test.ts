import { mojIctSecurityPolicy } from '@internal/plugin-itsec-common';
import type { ItsecStore, StoredResult } from '../database/types';
import { PortfolioIndex } from './PortfolioIndex';

function row(entityRef: string): StoredResult {
  return { entityRef } as StoredResult;
}

/**
 * A store whose first listing is slow and misses a write that lands while it
 * runs: the race between a reader and the scheduled evaluation.
 */
function racingStore() {
  let generation = 'g1';
  let rows = [row('component:default/a')];
  let releaseFirstListing!: () => void;
  const firstListingHeld = new Promise<void>(r => {
    releaseFirstListing = r;
  });
  let listings = 0;
  const store = {
    async getResultsGeneration() {
      return generation;
    },
    async listResults() {
      listings += 1;
      const snapshot = rows;
      if (listings === 1) await firstListingHeld;
      return snapshot;
    },
  } as unknown as ItsecStore;
  return {
    store,
    write(ref: string) {
      rows = [...rows, row(ref)];
      generation = 'g2';
    },
    releaseFirstListing,
    listings: () => listings,
  };
}

describe('PortfolioIndex', () => {
  it('does not answer from a load that started before a write it has seen', async () => {
    const s = racingStore();
    const index = new PortfolioIndex(s.store, mojIctSecurityPolicy);

    const early = index.has('component:default/a');
    await new Promise(r => setImmediate(r));
    s.write('component:default/b');
    const late = index.has('component:default/b');
    await new Promise(r => setImmediate(r));
    s.releaseFirstListing();

    await expect(early).resolves.toBe(true);
    await expect(late).resolves.toBe(true);
    expect(s.listings()).toBe(2);
  });

  it('loads once while the generation does not change', async () => {
    const s = racingStore();
    s.releaseFirstListing();
    const index = new PortfolioIndex(s.store, mojIctSecurityPolicy);
    await index.has('component:default/a');
    await index.has('component:default/a');
    expect(s.listings()).toBe(1);
  });
});
