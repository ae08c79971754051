// Changes after posting adjusted in NetSuite (journal entries through the simulator).
import { adjustmentSuite } from '../../helpers/change-adjustments';
import { nsPlan, startNetSuiteFixture } from '../../helpers/netsuite-context';

adjustmentSuite('NetSuite', async () => {
  const fx = await startNetSuiteFixture();
  return { adapter: fx.adapter, journal: () => nsPlan(), count: () => fx.sim.state.recordCount(), stop: fx.stop };
});
