// The credit document each ERP's adapter posts for a supplier invoice changed after posting, by target system.
// Listed here so the screen can offer it before an adapter is built; the adapter's capabilities say the same
// (TargetCapabilities.supplierCredit), and the adjustment itself checks those. Systems not listed: accept only.
import { NETSUITE_SUPPLIER_CREDIT } from '../adapters/netsuite/to-remote';
import { INTACCT_SUPPLIER_CREDIT } from '../adapters/sage-intacct/to-remote';

const BY_SYSTEM: Readonly<Record<string, string>> = { netsuite: NETSUITE_SUPPLIER_CREDIT, 'sage-intacct': INTACCT_SUPPLIER_CREDIT };

export const supplierCreditOf = (system: string | null | undefined): string | null => (system && Object.hasOwn(BY_SYSTEM, system) ? BY_SYSTEM[system]! : null);
