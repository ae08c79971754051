// Page model: Held posts (table, filters, detail, Replay, Dismiss).
import type { Page } from 'playwright/test';

export class HeldScreen {
  constructor(private readonly page: Page) {}

  table() {
    return this.page.getByRole('table', { name: 'Held posts' });
  }

  rows() {
    return this.table().locator('tbody tr[data-testid^="held-row-"]');
  }

  summary() {
    return this.page.getByRole('status', { name: 'Held summary' });
  }

  async heldCount(): Promise<number> {
    return Number((await this.summary().locator('strong').first().innerText()).replace(/,/g, ''));
  }

  async filterReason(label: string): Promise<void> {
    // Options read "Expense type not mapped (32)": the reasons present, with how many.
    const select = this.page.getByLabel('Reason');
    const value = await select.locator('option', { hasText: label }).first().getAttribute('value');
    await select.selectOption(value ?? '');
  }

  async open(rowIndex = 0): Promise<void> {
    // The row is the one control (Enter or a click opens it); no separate link per row.
    await this.rows().nth(rowIndex).click();
    await this.detail().waitFor();
  }

  detail() {
    return this.page.getByRole('complementary', { name: 'Held post detail' });
  }

  async replayAll(): Promise<void> {
    await this.page.getByRole('button', { name: 'Replay all' }).click();
  }
}
