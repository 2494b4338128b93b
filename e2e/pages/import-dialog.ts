import { expect, type Locator, type Page } from '@playwright/test';
import { readDownload } from './downloads.ts';

/**
 * A page with an Excel import dialog (download the template, upload the workbook, see the refused rows and fetch
 * them marked), and its other dialogs, closed the same way.
 */
export class ImportDialogPage {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
  }

  /** Opens the import dialog with its button and waits for the template step. */
  protected async openImportWith(button: Locator): Promise<void> {
    await button.click();
    await expect(this.dialog.getByText('下载模板')).toBeVisible();
  }

  /** Downloads the template from the open import dialog; answers its bytes. */
  async downloadTemplate(): Promise<{ name: string; bytes: Buffer }> {
    return this.download('下载模板');
  }

  /** Uploads a workbook in the open import dialog. */
  async upload(name: string, bytes: Buffer): Promise<void> {
    await this.dialog.locator('input[type="file"]').setInputFiles({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    });
  }

  /** The rows of the import's error table: row, column, problem. */
  importErrors(): Locator {
    return this.dialog.getByTestId('import-errors').locator('.ant-table-row');
  }

  /** Downloads the refused workbook with its bad rows marked; answers its bytes. */
  async downloadErrorWorkbook(): Promise<{ name: string; bytes: Buffer }> {
    return this.download('下载错误标注工作簿');
  }

  async closeDialog(): Promise<void> {
    await this.dialog.getByRole('button', { name: '关闭' }).last().click();
    await expect(this.dialog).toBeHidden();
  }

  private async download(button: string): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.dialog.getByRole('button', { name: button }).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: await readDownload(download) };
  }
}
