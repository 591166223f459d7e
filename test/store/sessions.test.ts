import { createStorage } from 'unstorage';
import { describe, expect, it } from 'vitest';
import { sessionDriverOnStore } from '../../integration/server/store-session-driver.ts';
import type { StateStore } from '../../integration/store/index.ts';
import { BACKENDS, useBackend } from './store-backends.ts';

const SESSION_ID = '3f1c2a7e-9b4d-4e8a-a1f0-6c5d4b3a2918';
// What Astro hands its driver: the session's Map, serialised by devalue.
const SERIALISED = '[{"1":2},["Map",3],"ais_admin",{"since":4},"2026-12-06T10:00:00.000Z"]';

const T0 = Date.parse('2026-12-06T10:00:00.000Z');

/** The driver as Astro uses it: wrapped in an unstorage storage (Astro adds hasItem and getKeys). */
function astroStorage(store: StateStore, ttlSeconds: number, now = () => T0) {
  const driver = sessionDriverOnStore(async () => store, { ttlSeconds }, now);
  return createStorage({ driver: { ...driver, hasItem: () => false, getKeys: () => [] } });
}

describe.each(BACKENDS)('Astro sessions in $name', (backend) => {
  useBackend(backend);

  it('written through the driver on one store are read through the driver on another', async () => {
    const [one, two] = [await backend.open(), await backend.open()];
    await astroStorage(one, 3600).setItem(SESSION_ID, SERIALISED);
    expect(await astroStorage(two, 3600).getItem(SESSION_ID)).toEqual(JSON.parse(SERIALISED));
  });

  it('are gone from every store once removed, as a logout or a new session id does', async () => {
    const [one, two] = [await backend.open(), await backend.open()];
    await astroStorage(one, 3600).setItem(SESSION_ID, SERIALISED);
    await astroStorage(two, 3600).removeItem(SESSION_ID);
    expect(await astroStorage(one, 3600).getItem(SESSION_ID)).toBeNull();
  });

  it('expire the session ttl after they were last written', async () => {
    const store = await backend.open();
    let now = T0;
    const storage = astroStorage(store, 3600, () => now);
    await storage.setItem(SESSION_ID, SERIALISED);
    now = T0 + 3599_000;
    expect(await storage.getItem(SESSION_ID)).toEqual(JSON.parse(SERIALISED));
    await storage.setItem(SESSION_ID, SERIALISED);
    now = T0 + 2 * 3599_000;
    expect(await storage.getItem(SESSION_ID)).toEqual(JSON.parse(SERIALISED));
    now += 1000;
    expect(await storage.getItem(SESSION_ID)).toBeNull();
  });

  it('are kept under a hash of the session id: the database holds no usable cookie', async () => {
    const store = await backend.open();
    await astroStorage(store, 3600).setItem(SESSION_ID, SERIALISED);
    const rows = await backend.query('SELECT scope, key FROM expiring_values');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(SESSION_ID);
  });
});
