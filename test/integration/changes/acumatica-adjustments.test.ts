// Changes after posting adjusted in Acumatica (GL journal transactions through the simulator).
import { adjustmentSuite } from '../../helpers/change-adjustments';
import { journalPlan, startAcumaticaFixture } from '../../helpers/acumatica-context';

adjustmentSuite('Acumatica', async () => {
  const fx = await startAcumaticaFixture();
  return { adapter: fx.adapter, journal: () => journalPlan(), count: () => fx.sim.state.recordCount(), stop: fx.stop };
});
