// Page model: Dashboard (per-connection card, Sync now, counts).
import type { Page } from 'playwright/test';

export class DashboardScreen {
  constructor(private readonly page: Page) {}

  card(name: RegExp | string = /^Northwind demo: Concur → Sage X3$/) {
    return this.page.getByRole('region', { name });
  }

  syncButton() {
    return this.card().getByRole('button', { name: /Sync now|Syncing/ });
  }

  progress() {
    return this.card().getByRole('status', { name: 'Sync progress' });
  }

  count(label: 'Posted' | 'Held' | 'Failed') {
    return this.card().getByLabel(new RegExp(`^${label}(, will retry)?: `));
  }

  async countValue(label: 'Posted' | 'Held' | 'Failed'): Promise<number> {
    const text = (await this.count(label).getAttribute('aria-label')) ?? '';
    return Number(text.split(': ').pop());
  }
}
