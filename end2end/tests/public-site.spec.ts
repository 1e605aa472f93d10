import { test, expect, Page } from "@playwright/test";

// The zone toggle marks itself ready once hydrated; clicks before that do nothing.
async function hydrated(page: Page) {
  await expect(page.locator("[data-zone-toggle][data-ready=true]")).toBeVisible();
}

test("a visitor goes from the home page to a conference and its agenda", async ({ page }) => {
  await page.goto("/en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 2, name: "Migration" })).toBeVisible();
  await page.getByRole("link", { name: "Global Conference on Cities and Migration" }).click();
  await expect(page).toHaveURL(/\/en\/conferences\/mechelen-2017$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Global Conference on Cities and Migration");
  await expect(page.getByText("16–17 November 2017")).toBeVisible();
  await expect(page.getByText("Lamot Congress and Heritage Center, Mechelen, Belgium")).toBeVisible();
  await page.getByRole("link", { name: "Agenda", exact: true }).click();
  await expect(page).toHaveURL(/\/en\/conferences\/mechelen-2017\/agenda$/);
  await expect(page.getByRole("link", { name: "Thursday 16 November 2017" })).toBeVisible();
  const opening = page.locator("[data-session=opening-ceremony]");
  await expect(opening.locator("time")).toHaveText("09:00–10:15 CET, Brussels time");
  // Parallel workshops sit side by side: same top, different left.
  const a = await page.locator("[data-session=workshop-social-inclusion]").boundingBox();
  const b = await page.locator("[data-session=workshop-access-to-services]").boundingBox();
  expect(a && b).toBeTruthy();
  expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
  expect(Math.abs(a!.x - b!.x)).toBeGreaterThan(100);
  // The opening spans the rooms: wider than one workshop column.
  const o = await opening.boundingBox();
  expect(o!.width).toBeGreaterThan(a!.width * 1.8);
});

test.describe("in Tokyo", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("the zone toggle shows the viewer's own time and back", async ({ page }) => {
    await page.goto("/en/conferences/mechelen-2017/agenda");
    await hydrated(page);
    const time = page.locator("[data-session=opening-ceremony] time");
    await expect(time).toHaveText("09:00–10:15 CET, Brussels time");
    const toggle = page.locator("[data-zone-toggle]");
    await expect(toggle).toHaveText("Show times in my time zone");
    await toggle.click();
    // 08:00 UTC is 17:00 in Tokyo.
    await expect(time).toHaveText("17:00–18:15, your time (Asia/Tokyo)");
    await expect(toggle).toHaveText("Show times in the venue's time zone");
    await toggle.click();
    await expect(time).toHaveText("09:00–10:15 CET, Brussels time");
  });
});

test("the Arabic pages are right to left", async ({ page }) => {
  await page.goto("/ar/conferences/beirut-2017/agenda");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("البرنامج");
  // Times stay left to right inside the Arabic label (isolated).
  await expect(page.locator("[data-session=opening] time")).toHaveText("\u206609:30–10:30\u2069 \u2066EET\u2069، بتوقيت بيروت");
  // Right to left in layout: the first room's column is on the right.
  const first = await page.locator("[data-session=services-for-youth]").boundingBox();
  const second = await page.locator("[data-session=services-for-women]").boundingBox();
  expect(first!.x).toBeGreaterThan(second!.x);
  // The language switcher leads to the same page in French.
  await page.getByRole("link", { name: "Français" }).click();
  await expect(page).toHaveURL(/\/fr\/conferences\/beirut-2017\/agenda$/);
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Programme");
});

test("an unprefixed address remembers the language chosen last", async ({ page }) => {
  await page.goto("/fr/conferences/mechelen-2017");
  await page.goto("/conferences/mechelen-2017");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Conférence mondiale sur les villes et les migrations");
});

test("an unknown conference gets a helpful 404 in the visitor's language", async ({ page }) => {
  const response = await page.goto("/fr/conferences/nowhere-2099");
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
  await expect(page.getByRole("link", { name: "Voir toutes les conférences" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the agenda renders, links work, and the zone toggle stays hidden", async ({ page }) => {
    await page.goto("/en/conferences/beirut-2017/agenda");
    await expect(page.getByRole("heading", { level: 2, name: "Tuesday 7 November 2017" })).toBeVisible();
    await expect(page.locator("[data-session=opening] time")).toHaveText("09:30–10:30 EET, Beirut time");
    await expect(page.locator("[data-zone-toggle]")).toBeHidden();
    await page.getByRole("link", { name: "Opening by the Mayor of Beirut" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Opening by the Mayor of Beirut");
    await page.getByRole("link", { name: "Jamal Itani" }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jamal Itani");
    await expect(page.locator(".person .affiliation")).toHaveText("Mayor of Beirut, Municipality of Beirut");
  });
});
