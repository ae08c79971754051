// Page model: Connections (settings form, write-only credentials, Test connection).
import type { Page } from 'playwright/test';

export class ConnectionsScreen {
  constructor(private readonly page: Page) {}

  testButton() {
    return this.page.getByRole('button', { name: /Test connection|Testing/ });
  }

  testResult() {
    return this.page.locator('.test-head').getByRole('status');
  }

  testSteps() {
    return this.page.getByRole('list', { name: 'Test steps' }).getByRole('listitem');
  }

  async setSecret(label: string, value: string): Promise<void> {
    const input = this.page.getByLabel(label, { exact: true });
    await input.fill(value);
    const row = this.page.locator('form.secret-row', { has: input });
    await row.getByRole('button', { name: /Save|Replace/ }).click();
    await row.getByText('Saved', { exact: true }).waitFor();
  }

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save settings' }).click();
    await this.page.getByRole('status').filter({ hasText: /^Saved at/ }).waitFor();
  }
}
