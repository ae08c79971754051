// Issue item 2: a screen refreshing on run.finished must see the connection no longer running.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dispatch } from '../../../main/core/dispatch';
import { startWorld } from '../../helpers/world';

test('connections.states no longer says running once run.finished is out', async (t) => {
  const w = await startWorld(t, { reports: 5 });
  const seen: Array<Promise<boolean>> = [];
  const heldAtEvent: boolean[] = [];
  w.core.subscribe((e) => {
    if (e.type !== 'run.finished') return;
    // What the dashboard asks for as soon as it hears the event.
    seen.push(dispatch(w.core, 'connections.states', {}, 'test').then((r) => {
      assert.ok(r.ok);
      return (r.data as Array<{ connectionId: string; running: boolean }>).find((s) => s.connectionId === w.demo.connectionId)!.running;
    }));
    heldAtEvent.push(w.core.runtime.running.has(w.demo.connectionId));
  });
  await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.deepEqual(heldAtEvent, [false], 'slot still held when run.finished was emitted');
  assert.equal(seen.length, 1);
  assert.equal(await seen[0], false);
});
