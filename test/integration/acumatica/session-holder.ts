// Child process for the crash test: signs in to Acumatica through the adapter, starts reading reference
// data (so a session is open), says HOLDING and waits to be killed with SIGKILL, never signing out.
import { Limiter } from '../../../main/core/adapters/limiter';
import { createAcumaticaTarget } from '../../../main/core/adapters/acumatica/adapter';
import { systemClock } from '../../../main/core/ports';
import { acumaticaSettings, ACU_FAST_RETRY } from '../../helpers/acumatica-context';
import { recordingContext } from '../../helpers/adapter-context';
import { FileSecrets } from '../../helpers/file-secrets';

const [siteUrl = '', secretsFile = ''] = process.argv.slice(2);
const { ctx } = recordingContext({ clock: systemClock, secrets: new FileSecrets(secretsFile), limiter: new Limiter(2), retry: ACU_FAST_RETRY });
const adapter = createAcumaticaTarget(acumaticaSettings(siteUrl), ctx);
const pages = adapter.readReference()[Symbol.asyncIterator]();
const first = await pages.next();
process.stdout.write(first.done ? 'EMPTY\n' : 'HOLDING\n');
setInterval(() => undefined, 60_000);
