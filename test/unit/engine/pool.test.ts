// The pool behind every run's posts: never more than `size` jobs in flight, the first failure surfaces (on the
// next add or on drain), and the read-ahead fetches the next page while the current one is posted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool, readAhead } from '../../../main/core/engine/pool';

const tick = () => new Promise((r) => setImmediate(r));

test('at most `size` jobs run at once; add waits while the pool is full; drain waits for all', async () => {
  const pool = new Pool(2);
  let running = 0;
  let peak = 0;
  const done: number[] = [];
  const job = (n: number) => async () => {
    running++;
    peak = Math.max(peak, running);
    await tick();
    await tick();
    running--;
    done.push(n);
  };
  for (let i = 0; i < 5; i++) await pool.add(job(i));
  assert.ok(done.length >= 3, 'the fifth add waited for earlier jobs');
  await pool.drain();
  assert.equal(peak, 2);
  assert.deepEqual(done.sort(), [0, 1, 2, 3, 4]);
  assert.equal(pool.failed, false);
});

test('a pool of one runs jobs one after the other', async () => {
  const pool = new Pool(1);
  const order: string[] = [];
  await pool.add(async () => { order.push('a1'); await tick(); order.push('a2'); });
  await pool.add(async () => { order.push('b1'); });
  await pool.drain();
  assert.deepEqual(order, ['a1', 'a2', 'b1']);
});

test('the first failure is kept and thrown by drain; later failures do not replace it', async () => {
  const pool = new Pool(3);
  await pool.add(async () => { await tick(); throw new Error('first'); });
  await pool.add(async () => { await tick(); await tick(); throw new Error('second'); });
  await assert.rejects(pool.drain(), /first/);
  assert.equal(pool.failed, true);
});

test('after a failure the next add throws it instead of starting the job', async () => {
  const pool = new Pool(1);
  await pool.add(async () => { throw new Error('down'); });
  let started = false;
  await assert.rejects(pool.add(async () => { started = true; }), /down/);
  assert.equal(started, false);
});

test('readAhead yields every page in order and asks for `depth` pages ahead of the consumer', async () => {
  let asked = 0;
  async function* pages() {
    for (let i = 1; i <= 4; i++) {
      asked = i;
      yield i;
    }
  }
  const seen: Array<[number, number]> = [];
  for await (const p of readAhead(pages(), 2)) {
    await tick();
    seen.push([p, asked]);
  }
  assert.deepEqual(seen.map(([p]) => p), [1, 2, 3, 4]);
  assert.equal(seen[0]![1], 3, 'while page 1 is used, pages 2 and 3 are already asked for');
});

test('readAhead closes the source when the consumer stops early', async () => {
  let closed = false;
  async function* pages() {
    try {
      for (let i = 1; ; i++) yield i;
    } finally {
      closed = true;
    }
  }
  for await (const p of readAhead(pages(), 1)) if (p === 2) break;
  assert.equal(closed, true);
});
