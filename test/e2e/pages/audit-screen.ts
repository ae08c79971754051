// Page model: Audit trail (filters, table, CSV export).
import type { Page } from 'playwright/test';

export class AuditScreen {
  constructor(private readonly page: Page) {}

  rows() {
    return this.page.getByRole('table', { name: 'Audit events' }).locator('tbody tr');
  }

  async filterStatus(outcome: string): Promise<void> {
    await this.page.getByLabel('Status').fill(outcome);
  }

  async filterAction(action: string): Promise<void> {
    await this.page.getByLabel('Action').selectOption(action);
  }

  async exportCsv(): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: 'Export CSV' }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
