import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { mailTo, maildir, signIn } from "./helpers";

test("staff approve a registration and the delegate receives the confirmation by email", async ({ page }) => {
  test.skip(!maildir, "needs the SMTP server that scripts/test starts");
  const email = `nadia.${Date.now()}@example.org`;
  // Beirut needs approval.
  await page.goto("/en/conferences/beirut-2017/register");
  for (const [name, value] of Object.entries({
    given_name: "Nadia",
    family_name: "Khoury",
    email,
    organisation: "Municipality of Tripoli",
    city: "Tripoli",
  })) {
    await page.locator(`[name=${name}]`).fill(value);
  }
  await page.locator("#field-country").selectOption("LB");
  await page.getByLabel("Participant category").selectOption("local_or_regional_government");
  await page.getByLabel("English", { exact: true }).check();
  await page.locator("#field-consent").check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");

  // The verification link, from the real message.
  const verification = await mailTo(email, "Confirm your email address");
  const link = verification.match(/https?:\/\/\S+\/r\/verify\/[A-Za-z0-9_-]+/)![0];
  await page.goto(new URL(link).pathname);
  await page.getByRole("button", { name: "Confirm my registration" }).click();
  await expect(page.locator(".outcome")).toContainText("review");

  // Staff find it and approve it.
  await signIn(page);
  await page.goto(`/admin/conferences/beirut-2017/registrations?q=${encodeURIComponent("Khoury")}`);
  await page.getByRole("link", { name: "Nadia Khoury" }).first().click();
  await expect(page.locator("p.outcome")).toHaveText("Awaiting approval");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.locator("p.outcome")).toHaveText("Confirmed");

  // The delegate's confirmation arrives, with its calendar.
  const confirmation = await mailTo(email, "Your registration is confirmed");
  expect(confirmation).toContain("MC2CM");
  expect(confirmation).toMatch(/Content-Type: text\/calendar/i);
});

// After the registration tests: the table has rows to export.
test("the export of the filtered table opens with the rows the table found", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/conferences/mechelen-2017/registrations");
  const found = Number((await page.locator(".found").innerText()).match(/(\d+) registrations found/)![1]);
  expect(found).toBeGreaterThan(0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export these registrations (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("mechelen-2017-registrations.csv");
  const csv = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toContain('"email"');
  expect(lines.length).toBe(found + 1);
  // No cell can run as a formula in a spreadsheet.
  expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);
});
