import { expect, type Locator, type Page } from '@playwright/test';

/** rc-motion's classes on a popup that is still moving in: a click then can miss its target. */
const MOVING_IN = /-(appear|enter)(\s|$)/;

/** The dropdown of the select that is open now, once it has finished appearing. */
async function openDropdown(page: Page): Promise<Locator> {
  // Not one that is still closing after the previous pick.
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])');
  await expect(dropdown).toBeVisible();
  await expect(dropdown).not.toHaveClass(MOVING_IN);
  return dropdown;
}

/** Picks an option of an antd Select by its text, typing first to search when asked. */
export async function chooseOption(page: Page, field: Locator, text: string, search?: string): Promise<void> {
  await field.click();
  if (search) await field.pressSequentially(search);
  await (await openDropdown(page)).locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Picks a node of an antd TreeSelect by its exact title, searching for it first. */
export async function chooseTreeNode(page: Page, field: Locator, title: string): Promise<void> {
  await field.click();
  await field.pressSequentially(title);
  await (await openDropdown(page)).locator(`.ant-select-tree-node-content-wrapper[title="${title}"]`).click();
}

/** The message toast that says this. */
export const toast = (page: Page, text: string | RegExp): Locator =>
  page.locator('.ant-message-notice').filter({ hasText: text });

/** Opens a dropdown menu and picks an item, once the menu has finished appearing; waits for it to close. */
export async function chooseMenuItem(page: Page, trigger: Locator, text: string): Promise<void> {
  await trigger.click();
  const item = page.locator('.ant-dropdown-menu-item').filter({ hasText: text });
  const dropdown = page.locator('.ant-dropdown').filter({ has: item });
  await expect(dropdown).toBeVisible();
  await expect(dropdown).not.toHaveClass(MOVING_IN);
  await item.click();
  await expect(dropdown).toBeHidden();
}

/** Answers the open confirmation popover with the button of that name. */
export async function confirmPopover(page: Page, button: string): Promise<void> {
  const popover = page.locator('.ant-popconfirm:not(.ant-popover-hidden)');
  await expect(popover).toBeVisible();
  await expect(popover).not.toHaveClass(MOVING_IN);
  await popover.getByRole('button', { name: button }).click();
}
