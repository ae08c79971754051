// Child process of the bench: runs the demo company's simulated Concur and X3 so their CPU and memory
// are not counted against the connector. Talks to the parent over the fork IPC channel.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoSimulators } from '../main/demo/systems';

const [reports = '10000', latency = '30'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'mlc-bench-sims-'));
const sims = await startDemoSimulators(dir, { reports: Number(reports) });
sims.concur.faults.latencyMs = Number(latency);
sims.x3.faults.latencyMs = Number(latency);
process.send!({ type: 'ready', urls: sims.urls });
process.on('message', async (m: { type: string }) => {
  if (m.type === 'reset') {
    sims.concur.stats.reset();
    sims.x3.stats.requests = 0;
    process.send!({ type: 'reset' });
  }
  if (m.type === 'stats') {
    const concurCalls = Object.values(sims.concur.stats.byPath()).reduce((a, b) => a + b, 0);
    process.send!({ type: 'stats', concurCalls, x3Calls: sims.x3.stats.requests, documents: sims.x3.state.documentCount() });
  }
  if (m.type === 'stop') {
    await sims.stop();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
});
