import { APIRequestContext, expect, Locator, Page } from '@playwright/test';

export const BACKEND_URL =
  process.env.STATUS_BACKEND_URL ?? 'http://localhost:7007';

/** The sidebar of the portal. */
export const sidebar = (page: Page) => page.getByTestId('sidebar-root');

/** Signs in through the guest sign-in page and waits for the sidebar. */
export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    sidebar(page).getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** A Backstage token of the guest user, for calling backend APIs directly. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.post(`${BACKEND_URL}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.ok()).toBe(true);
  const body = await response.json();
  return body.backstageIdentity.token;
}

/**
 * Waits until the status engine serves an entity with the given root cause
 * (it reads the catalog and PagerDuty a few seconds after start-up), and
 * returns the entity's status as the API answers it.
 */
export async function waitForRootCause(
  request: APIRequestContext,
  entityPath: string,
  rootCause: string,
): Promise<any> {
  const token = await guestToken(request);
  let status: any;
  await expect
    .poll(
      async () => {
        const response = await request.get(
          `${BACKEND_URL}/api/status/entities/${entityPath}`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        status = response.ok() ? await response.json() : undefined;
        return status?.rootCauses?.[0]?.entityRef;
      },
      { timeout: 90_000, intervals: [2_000] },
    )
    .toBe(rootCause);
  return status;
}

/** The level shown in the Status tab's header (its `data-level`: operational, degraded...). */
export const statusHeaderLevel = (page: Page) =>
  page.getByRole('heading', { level: 2 }).locator('[data-level]').first();

/** Waits until the demo's login outage reaches shop-web (the auth-outage scenario). */
export function waitForLoginOutage(request: APIRequestContext): Promise<any> {
  return waitForRootCause(
    request,
    'component/default/shop-web',
    'component:default/auth-service',
  );
}

/**
 * Waits until a graph has laid itself out: the node is drawn with its size
 * and, scrolled to, lies inside the viewport, so that a screenshot taken
 * next shows the graph rather than the blank before its layout.
 */
export async function expectGraphLaidOut(node: Locator): Promise<void> {
  await expect(node).toBeVisible();
  await node.scrollIntoViewIfNeeded();
  await expect
    .poll(async () => {
      const box = await node.boundingBox();
      const viewport = node.page().viewportSize();
      if (!box || !viewport || box.width < 10 || box.height < 10) return false;
      return (
        box.x >= 0 &&
        box.y >= 0 &&
        box.x + box.width <= viewport.width &&
        box.y + box.height <= viewport.height
      );
    })
    .toBe(true);
  // the graph fades in once laid out: wait until it is fully drawn
  await expect
    .poll(() =>
      node.evaluate(element => {
        for (let e: Element | null = element; e; e = e.parentElement)
          if (Number(getComputedStyle(e).opacity) < 1) return false;
        return true;
      }),
    )
    .toBe(true);
}

/** Opens a section of the Status tab (`history`, `response`...) unless the reader's choice or its default has it open. */
export async function openSection(page: Page, id: string): Promise<void> {
  const button = page.locator(`#status-section-${id}`);
  await expect(button).toBeVisible();
  if ((await button.getAttribute('aria-expanded')) !== 'true')
    await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
}

/** Opens every closed section of the Status tab, so that all of it shows. */
export async function openEverySection(page: Page): Promise<void> {
  const closed = page.locator('[id^="status-section-"][aria-expanded="false"]');
  while ((await closed.count()) > 0) {
    const id = (await closed.first().getAttribute('id'))!;
    await openSection(page, id.replace('status-section-', ''));
  }
}
