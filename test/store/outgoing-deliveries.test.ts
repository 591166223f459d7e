import { describe, expect, it } from 'vitest';
import type {
  OutgoingEndpoint,
  OutgoingMessage,
  StateStore,
} from '../../integration/store/index.ts';
import { leaseAt, otherInstances, T0 } from './claims.ts';
import { BACKENDS, useBackend } from './store-backends.ts';
import { cipherWith, KEY_A, KEY_B } from './store-fixtures.ts';

// The outbox of outgoing webhooks in the store, on a sqlite file and a real PostgreSQL: endpoints
// with encrypted secrets, deliveries in order per endpoint, claims across instances. Times are
// given, never read from a clock.

const CLAIM_MS = 60_000;
const at = (ms: number) => new Date(T0 + ms).toISOString();
const DAY = at(86_400_000);

function endpoint(id: string, events: string[] = ['post.published', 'upload.pending']) {
  return {
    id,
    url: `https://receiver.example/${id}`,
    events,
    secret: `whsec_${Buffer.from(`secret of ${id} 0123456789abcdef`).toString('base64')}`,
    createdAt: at(Number(id.replace(/\D/g, '')) || 0),
  } satisfies OutgoingEndpoint;
}

function message(n: number, type = 'post.published'): OutgoingMessage {
  return { id: `msg_${String(n).padStart(3, '0')}`, type, timestamp: at(n), data: { n } };
}

const claim = (owner: string, atMs = 0) => leaseAt(owner, atMs, CLAIM_MS);
const ids = (deliveries: { message: { id: string } }[]) => deliveries.map((d) => d.message.id);

async function queue(store: StateStore, ...messages: OutgoingMessage[]) {
  for (const each of messages) await store.enqueueOutgoing(each, at(0), DAY);
}

describe.each(BACKENDS)('outgoing webhooks in $name', (backend) => {
  useBackend(backend);

  it('keep endpoints with their secrets encrypted, rotate them, and delete them with their deliveries', async () => {
    const store = await backend.open();
    const first = endpoint('ep_1');
    await store.addOutgoingEndpoint(first);
    await store.addOutgoingEndpoint(endpoint('ep_2', ['build.requested']));
    expect(await store.listOutgoingEndpoints()).toEqual([
      first,
      endpoint('ep_2', ['build.requested']),
    ]);
    const [row] = await backend.query('SELECT * FROM outgoing_endpoints WHERE id = ?', ['ep_1']);
    expect(JSON.stringify(row)).not.toContain(first.secret.slice(6));

    expect(await store.rotateOutgoingSecret('ep_1', 'whsec_bmV3', at(5))).toBe(true);
    expect(await store.getOutgoingEndpoint('ep_1')).toEqual({
      ...first,
      secret: 'whsec_bmV3',
      previousSecret: first.secret,
      previousSecretUntil: at(5),
    });
    expect(await store.rotateOutgoingSecret('ep_9', 'whsec_bmV3', at(5))).toBe(false);

    await queue(store, message(1));
    expect(await backend.count('outgoing_deliveries')).toBe(1);
    expect(await store.deleteOutgoingEndpoint('ep_1')).toBe(true);
    expect(await store.deleteOutgoingEndpoint('ep_1')).toBe(false);
    expect(await backend.count('outgoing_deliveries')).toBe(0);
    expect(await store.getOutgoingEndpoint('ep_1')).toBeUndefined();
  });

  it('rewrite endpoint secrets under the new key with the tokens, at a key rotation', async () => {
    const before = await backend.open(cipherWith(KEY_A));
    await before.addOutgoingEndpoint(endpoint('ep_1'));
    await before.rotateOutgoingSecret('ep_1', 'whsec_bmV3', at(5));
    await before.close();
    const rotating = await backend.open(cipherWith(KEY_B, [KEY_A]));
    await rotating.reencryptTokens();
    await rotating.close();
    const after = await backend.open(cipherWith(KEY_B));
    expect(await after.getOutgoingEndpoint('ep_1')).toMatchObject({
      secret: 'whsec_bmV3',
      previousSecret: endpoint('ep_1').secret,
    });
  });

  it('store a message once per subscribed endpoint, and a message id given again not at all', async () => {
    const store = await backend.open();
    await store.addOutgoingEndpoint(endpoint('ep_1'));
    await store.addOutgoingEndpoint(endpoint('ep_2', ['upload.pending']));
    expect(await store.enqueueOutgoing(message(1), at(0), DAY)).toBe(1);
    expect(await store.enqueueOutgoing(message(2, 'upload.pending'), at(0), DAY)).toBe(2);
    expect(await store.enqueueOutgoing(message(2, 'upload.pending'), at(1), DAY)).toBe(0);
    expect(await store.enqueueOutgoing(message(3, 'build.requested'), at(0), DAY)).toBe(0);
    const log = await store.listOutgoingDeliveries();
    expect(log.map((d) => [d.endpointId, d.message.id, d.status])).toEqual([
      ['ep_2', 'msg_002', 'pending'],
      ['ep_1', 'msg_002', 'pending'],
      ['ep_1', 'msg_001', 'pending'],
    ]);
    expect(log[2]).toMatchObject({ message: message(1), attempts: 0, retryUntil: DAY });
    expect(ids(await store.listOutgoingDeliveries({ endpointId: 'ep_2' }))).toEqual(['msg_002']);
  });

  it('give each endpoint its oldest pending delivery only: a later one waits behind it', async () => {
    const store = await backend.open();
    await store.addOutgoingEndpoint(endpoint('ep_1'));
    await store.addOutgoingEndpoint(endpoint('ep_2'));
    await queue(store, message(1), message(2), message(3));
    const first = await store.claimOutgoingDeliveries(claim('a'));
    expect(first.map((d) => [d.endpointId, d.message.id])).toEqual([
      ['ep_1', 'msg_001'],
      ['ep_2', 'msg_001'],
    ]);
    // Held: nothing more for anyone, not even the next message of either endpoint.
    expect(await store.claimOutgoingDeliveries(claim('b', 1))).toEqual([]);
    const [one, two] = first as [(typeof first)[0], (typeof first)[0]];
    // ep_1's first failed and waits a minute; ep_2's was delivered.
    await store.finishOutgoingAttempt(one.seq, 'a', {
      status: 'pending',
      at: at(2),
      responseCode: 503,
      error: 'the endpoint answered HTTP 503',
      nextAttemptAt: at(60_000),
    });
    await store.finishOutgoingAttempt(two.seq, 'a', {
      status: 'delivered',
      at: at(2),
      responseCode: 204,
    });
    const next = await store.claimOutgoingDeliveries(claim('a', 3));
    expect(next.map((d) => [d.endpointId, d.message.id])).toEqual([['ep_2', 'msg_002']]);
    await store.finishOutgoingAttempt(next[0]!.seq, 'a', { status: 'delivered', at: at(4) });
    expect(ids(await store.claimOutgoingDeliveries(claim('a', 5)))).toEqual(['msg_003']);
    // Its wait over, ep_1's first comes again, still before its second and third.
    const again = await store.claimOutgoingDeliveries(claim('a', 60_000));
    expect(again.map((d) => [d.endpointId, d.message.id, d.attempts, d.lastResponseCode])).toEqual([
      ['ep_1', 'msg_001', 1, 503],
    ]);
    await store.finishOutgoingAttempt(again[0]!.seq, 'a', { status: 'failed', at: at(60_001) });
    expect(ids(await store.claimOutgoingDeliveries(claim('a', 60_002)))).toEqual(['msg_002']);
  });

  it('write an outcome only while the claim is held; a lapsed claim goes to another instance', async () => {
    const [a, b] = await Promise.all([backend.open(), backend.open()]);
    await a.addOutgoingEndpoint(endpoint('ep_1'));
    await queue(a, message(1));
    const [held] = await a.claimOutgoingDeliveries(claim('a'));
    expect(await b.claimOutgoingDeliveries(claim('b', CLAIM_MS - 1))).toEqual([]);
    const [taken] = await b.claimOutgoingDeliveries(claim('b', CLAIM_MS));
    expect(taken?.seq).toBe(held?.seq);
    expect(
      await a.finishOutgoingAttempt(held!.seq, 'a', { status: 'delivered', at: at(CLAIM_MS + 1) }),
    ).toBe(false);
    expect(
      await b.finishOutgoingAttempt(held!.seq, 'b', { status: 'delivered', at: at(CLAIM_MS + 2) }),
    ).toBe(true);
    const [stored] = await a.listOutgoingDeliveries();
    expect(stored).toMatchObject({
      status: 'delivered',
      attempts: 1,
      deliveredAt: at(CLAIM_MS + 2),
    });
  });

  it('replay a delivered or failed delivery: pending again, due at once', async () => {
    const store = await backend.open();
    await store.addOutgoingEndpoint(endpoint('ep_1'));
    await queue(store, message(1));
    const [delivery] = await store.claimOutgoingDeliveries(claim('a'));
    await store.finishOutgoingAttempt(delivery!.seq, 'a', {
      status: 'failed',
      at: at(1),
      responseCode: 500,
    });
    expect(await store.claimOutgoingDeliveries(claim('a', 2))).toEqual([]);
    expect(await store.replayOutgoingDelivery(delivery!.seq, at(10), at(86_400_010))).toBe(true);
    expect(await store.replayOutgoingDelivery(999_999, at(10), at(86_400_010))).toBe(false);
    const [again] = await store.claimOutgoingDeliveries(claim('a', 10));
    expect(again).toMatchObject({
      seq: delivery!.seq,
      status: 'pending',
      retryUntil: at(86_400_010),
    });
  });

  it('prune delivered and failed deliveries whose retries ended before a time, never pending ones', async () => {
    const store = await backend.open();
    await store.addOutgoingEndpoint(endpoint('ep_1'));
    await store.addOutgoingEndpoint(endpoint('ep_2'));
    await queue(store, message(1), message(2));
    const [one, two] = await store.claimOutgoingDeliveries(claim('a'));
    await store.finishOutgoingAttempt(one!.seq, 'a', { status: 'delivered', at: at(1) });
    await store.finishOutgoingAttempt(two!.seq, 'a', { status: 'failed', at: at(1) });
    expect(await store.pruneOutgoingDeliveries(DAY)).toBe(0); // their retries end at DAY
    expect(await store.pruneOutgoingDeliveries(at(86_400_001))).toBe(2);
    expect(ids(await store.listOutgoingDeliveries())).toEqual(['msg_002', 'msg_002']);
  });

  it('send each delivery once across instances in threads of their own, in order per endpoint', async () => {
    const store = await backend.open();
    for (const id of ['ep_1', 'ep_2', 'ep_3']) await store.addOutgoingEndpoint(endpoint(id));
    await queue(store, ...Array.from({ length: 20 }, (_, n) => message(n + 1)));
    const drained = await otherInstances(
      backend.env(),
      ['a', 'b', 'c'].map((owner) => claim(owner)),
      { kind: 'drain-outgoing', batch: 2 },
    );
    const sent = drained.flat().map((each) => each.split(':').map(Number) as [number, number]);
    const all = await store.listOutgoingDeliveries({ limit: 100 });
    expect(sent.map(([seq]) => seq).sort((x, y) => x - y)).toEqual(
      all.map((d) => d.seq).sort((x, y) => x - y),
    );
    expect(all.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    const order = new Map(sent);
    for (const id of ['ep_1', 'ep_2', 'ep_3']) {
      const seqs = all
        .filter((d) => d.endpointId === id)
        .map((d) => d.seq)
        .sort((x, y) => x - y);
      const claimedAt = seqs.map((seq) => order.get(seq)!);
      expect(claimedAt).toEqual([...claimedAt].sort((x, y) => x - y));
    }
  });
});
