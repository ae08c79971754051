// Child process of the bench: runs one of the demo company's simulated systems (concur or x3) so its CPU
// and memory are not counted against the connector, as a remote server would not be. Talks over fork IPC.
import { createDemoConcur, createDemoX3 } from '../main/demo/systems';

const [which = 'concur', reports = '10000', latency = '30'] = process.argv.slice(2);
const concur = which === 'concur' ? createDemoConcur(Number(reports)) : null;
const x3 = which === 'x3' ? createDemoX3() : null;
if (concur) concur.faults.latencyMs = Number(latency);
if (x3) x3.faults.latencyMs = Number(latency);
const url = concur ? (await concur.start()).urls.us : (await x3!.start()).url;
process.send!({ type: 'ready', url });
const calls = () => (concur ? Object.values(concur.stats.byPath()).reduce((a, b) => a + b, 0) : x3!.stats.requests);
process.on('message', async (m: { type: string }) => {
  if (m.type === 'reset') {
    if (concur) concur.stats.reset();
    else x3!.stats.requests = 0;
    process.send!({ type: 'reset' });
  }
  if (m.type === 'stats') process.send!({ type: 'stats', calls: calls(), documents: x3?.state.documentCount() ?? 0 });
  if (m.type === 'stop') {
    await (concur ?? x3)!.stop();
    process.exit(0);
  }
});
