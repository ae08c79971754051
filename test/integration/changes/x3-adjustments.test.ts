// Changes after posting adjusted in Sage X3 (journals through the simulator).
import { adjustmentSuite } from '../../helpers/change-adjustments';
import { plan, startX3Fixture } from '../../helpers/x3-context';

adjustmentSuite('Sage X3', async () => {
  const fx = await startX3Fixture();
  return { adapter: fx.adapter, journal: () => plan(), count: () => fx.sim.state.documentCount(), stop: fx.stop };
});
