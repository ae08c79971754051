// Page model of the application shell: navigation, screenshots, and one model per screen.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright/test';
import { AuditScreen } from './audit-screen';
import { ConnectionsScreen } from './connections-screen';
import { DashboardScreen } from './dashboard-screen';
import { HeldScreen } from './held-screen';
import { MappingsScreen } from './mappings-screen';

export const SCREENS = ['Dashboard', 'Connections', 'Mappings', 'Held', 'Audit', 'Reconciliation', 'Changes after posting'] as const;
export type ScreenName = (typeof SCREENS)[number];

export class AppPage {
  readonly dashboard: DashboardScreen;
  readonly connections: ConnectionsScreen;
  readonly mappings: MappingsScreen;
  readonly held: HeldScreen;
  readonly audit: AuditScreen;

  constructor(readonly page: Page) {
    this.dashboard = new DashboardScreen(page);
    this.connections = new ConnectionsScreen(page);
    this.mappings = new MappingsScreen(page);
    this.held = new HeldScreen(page);
    this.audit = new AuditScreen(page);
  }

  nav() {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  async go(screen: ScreenName): Promise<void> {
    await this.nav().getByRole('link', { name: new RegExp(`^${screen}`) }).click();
    await this.page.getByRole('heading', { level: 1, name: screen }).waitFor();
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync('test-results/screenshots', { recursive: true });
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png` });
  }
}
