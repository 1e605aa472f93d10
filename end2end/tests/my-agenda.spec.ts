import { test, expect } from "@playwright/test";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { confirmedDelegate } from "./helpers";

// A delegate stars two sessions from their own agenda (the page's script
// sends the stars without leaving the page), finds them in "Only mine",
// and the calendar to subscribe to.
test("a delegate stars two sessions and finds them in their agenda", async ({ page }) => {
  const link = await confirmedDelegate(page, "Lotte", "Peeters", "lotte.peeters@example.org");
  await page.goto(link);
  await page.getByRole("link", { name: "Open my agenda" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My agenda" })).toBeVisible();

  for (const session of ["opening-ceremony", "mayors-round-table"]) {
    const card = page.locator(`article[data-session="${session}"]`);
    const before = page.url();
    await card.getByRole("button", { name: /Add to my agenda/ }).click();
    // Sent by script: the button says so, and the page did not reload.
    await expect(card.getByRole("button", { name: /In my agenda/ })).toBeVisible();
    await expect(card.locator("form.star")).toHaveAttribute("data-starred", "true");
    expect(page.url()).toBe(before);
  }

  await page.getByRole("link", { name: "Only mine" }).click();
  await expect(page.locator("article.session")).toHaveCount(2);
  await expect(page.locator('article[data-session="opening-ceremony"]')).toBeVisible();
  await expect(page.locator('article[data-session="mayors-round-table"]')).toBeVisible();
  const webcal = await page.getByRole("link", { name: "Subscribe in my calendar" }).getAttribute("href");
  expect(webcal).toMatch(/^webcal:\/\/.+\/my-agenda\/\d+\/[A-Za-z0-9_-]{32}\/calendar\.ics$/);

  // Taken back from "Only mine": gone on the next visit.
  await page
    .locator('article[data-session="mayors-round-table"]')
    .getByRole("button", { name: /In my agenda/ })
    .click();
  await expect(
    page.locator('article[data-session="mayors-round-table"]').getByRole("button", { name: /Add to my agenda/ }),
  ).toBeVisible();
  await page.reload();
  await expect(page.locator("article.session")).toHaveCount(1);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a star is a form post that comes back to the session", async ({ page }) => {
    const link = await confirmedDelegate(page, "Jonas", "Claes", "jonas.claes@example.org");
    await page.goto(`${link}/agenda`);
    const card = page.locator('article[data-session="guided-discussion"]');
    await card.getByRole("button", { name: /Add to my agenda/ }).click();
    await expect(page).toHaveURL(new RegExp(`${link}/agenda#s-guided-discussion$`));
    await expect(card.getByRole("button", { name: /In my agenda/ })).toBeVisible();
    await page.getByRole("link", { name: "Only mine" }).click();
    await expect(page.locator("article.session")).toHaveCount(1);
  });
});

// The embed, on a plain page served from another port: shown in its
// frame, in the language the page asks; the agenda page itself refuses to
// be framed there.
test("the embed works on another site's page, the agenda page does not", async ({ page, baseURL }) => {
  const site = new URL(baseURL!);
  const parent: Server = createServer((_, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Ville membre</title></head>
      <body><h1>Notre ville à Malines</h1>
      <iframe id="embed" title="Programme" src="${site.origin}/embed/conferences/mechelen-2017/agenda?lang=fr" width="600" height="600"></iframe>
      <iframe id="page" title="Page" src="${site.origin}/conferences/mechelen-2017/agenda" width="600" height="300"></iframe>
      </body></html>`);
  });
  await new Promise<void>((resolve) => parent.listen(0, "127.0.0.1", () => resolve()));
  const port = (parent.address() as AddressInfo).port;
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    const embed = page.frameLocator("#embed");
    await expect(embed.getByRole("heading", { level: 1 })).toContainText("Conférence mondiale");
    await expect(embed.getByRole("link", { name: "Tout le programme, avec les intervenants et les documents" })).toHaveAttribute(
      "target",
      "_blank",
    );
    // The agenda page is blocked by its policy: nothing of it is shown.
    const framed = page.frames().find((f) => f.url().endsWith("/conferences/mechelen-2017/agenda"));
    const heading = framed ? await framed.locator("h1").count() : 0;
    expect(heading).toBe(0);
  } finally {
    parent.close();
  }
});
