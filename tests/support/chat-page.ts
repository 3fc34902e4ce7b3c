import { expect, type Locator, type Page } from '@playwright/test';

/** Page helpers for the chat e2e tests; everything is selected by data-testid. */

export function assistantMessages(page: Page): Locator {
  return page.locator('[data-testid="message"][data-role="assistant"]');
}

/** Types a question, sends it with Enter, and returns the locator of the answer it will get. */
export async function ask(page: Page, question: string): Promise<Locator> {
  const before = await assistantMessages(page).count();
  const input = page.getByTestId('chat-input');
  await input.fill(question);
  await input.press('Enter');
  return assistantMessages(page).nth(before);
}

/** Waits until an answer has finished streaming (its stats appear). */
export async function waitForAnswer(answer: Locator): Promise<void> {
  await expect(answer.getByTestId('metrics')).toBeVisible({ timeout: 45_000 });
}

/** The `data-index` values of the matching elements, as numbers. */
export async function indexes(locator: Locator): Promise<number[]> {
  return locator.evaluateAll((elements) =>
    elements.map((element) => Number(element.getAttribute('data-index'))),
  );
}

/** The values of one attribute across the matching elements. */
export async function attributeValues(locator: Locator, name: string): Promise<string[]> {
  return locator.evaluateAll(
    (elements, attribute) => elements.map((element) => element.getAttribute(attribute) ?? ''),
    name,
  );
}

/** `[n]` markers left as plain text in an answer's prose (outside code), i.e. citations with no source. */
export async function unresolvedCitations(answer: Locator): Promise<string[]> {
  return answer.getByTestId('message-text').evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const code of copy.querySelectorAll('pre, code')) code.remove();
    return copy.textContent?.match(/\[\d+(?:\s*,\s*\d+)*\]/g) ?? [];
  });
}
