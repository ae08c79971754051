// Changes after posting adjusted in Sage Intacct (GL journal entries through the simulator).
import { adjustmentSuite } from '../../helpers/change-adjustments';
import { plan, startIntacctFixture } from '../../helpers/intacct-context';

adjustmentSuite('Sage Intacct', async () => {
  const fx = await startIntacctFixture();
  return { adapter: fx.adapter, journal: () => plan(), count: () => fx.sim.state.recordCount(), stop: fx.stop };
});
