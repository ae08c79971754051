// Page model: Mappings grid. Rows and cells are found by data-testid (the one place tests use them).
import type { Page } from 'playwright/test';
import type { BrowserGlobals } from '../browser-globals';

export class MappingsScreen {
  constructor(private readonly page: Page) {}

  grid() {
    return this.page.getByRole('grid', { name: 'Mappings' });
  }

  row(code: string) {
    return this.page.getByTestId(`mapping-row-${code}`);
  }

  cell(code: string, column: string) {
    return this.page.getByTestId(`cell-${code}-${column}`);
  }

  async tab(name: 'Expense types' | 'Employees' | 'Tax codes'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await this.grid().waitFor();
  }

  async filter(text: string): Promise<void> {
    await this.page.getByRole('searchbox').fill(text);
  }

  editor() {
    return this.grid().locator('input.cell-input');
  }

  suggestions() {
    return this.page.getByRole('listbox');
  }

  /** Click a cell, type a value, and take the first suggestion matching `choose` (or the typed text). */
  async typeInto(code: string, column: string, text: string, choose?: RegExp): Promise<void> {
    await this.cell(code, column).click();
    await this.page.keyboard.press('Enter');
    await this.editor().fill(text);
    if (choose) await this.suggestions().getByRole('option', { name: choose }).first().click();
    else await this.page.keyboard.press('Enter');
  }

  /** Pastes a tab-separated block (as Excel puts it on the clipboard) at the active cell. */
  async paste(block: string): Promise<void> {
    await this.grid().evaluate((el, text) => {
      const g = globalThis as unknown as BrowserGlobals;
      const data = new g.DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }) as Event);
    }, block);
  }

  /** The `column` cell of the first row shown (after filtering). */
  firstRowCell(column: string) {
    return this.grid().locator('[role=row][data-testid^="mapping-row-"]').first().locator(`[data-testid$="-${column}"]`);
  }

  status() {
    return this.page.locator('.grid-meta [role=status]');
  }
}
