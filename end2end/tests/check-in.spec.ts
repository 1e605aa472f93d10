import { test, expect } from "@playwright/test";
import { mailTo, maildir, signIn } from "./helpers";

test("a delegate's pass is scanned at the desk, found by name, undone, and read in Arabic", async ({ page }) => {
  test.skip(!maildir, "needs the SMTP server that scripts/test starts");
  const run = Date.now().toString(36);
  const family = `Desk${run}`;
  const email = `desk.${run}@example.org`;

  // A delegate registers at Mechelen and confirms their address.
  await page.goto("/en/conferences/mechelen-2017/register");
  for (const [name, value] of Object.entries({
    given_name: "Yasmine",
    family_name: family,
    email,
    organisation: "City of Antwerp",
    city: "Antwerp",
  })) {
    await page.locator(`[name=${name}]`).fill(value);
  }
  await page.locator("#field-country").selectOption("BE");
  await page.getByLabel("Participant category").selectOption("local_or_regional_government");
  await page.getByLabel("English", { exact: true }).check();
  await page.getByRole("group", { name: /study visit/ }).getByLabel("No").check();
  await page.locator("#field-consent").check();
  await page.getByRole("button", { name: "Register" }).click();
  const verification = await mailTo(email, "Confirm your email address");
  const link = verification.match(/https?:\/\/\S+\/r\/verify\/[A-Za-z0-9_-]+/)![0];
  await page.goto(new URL(link).pathname);
  await page.getByRole("button", { name: "Confirm my registration" }).click();

  // The confirmation's private link shows the pass: its QR and its code.
  const confirmation = await mailTo(email, "Your registration is confirmed");
  const privateLink = confirmation.match(/https?:\/\/[^\s"<]+\/r\/[A-Za-z0-9_-]{20,}/)![0];
  await page.goto(new URL(privateLink).pathname);
  await expect(page.getByRole("img", { name: "QR code of your pass" })).toBeVisible();
  const code = (await page.locator(".pass-code code").innerText()).trim();
  expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);

  // At the desk, the field has the focus: a scanner types the code and Enter.
  await signIn(page);
  await page.goto("/admin/conferences/mechelen-2017/check-in");
  await page.locator("#field-desk").fill("2");
  await page.locator("#field-code").focus();
  await page.keyboard.type(code.replaceAll("-", ""));
  await page.keyboard.press("Enter");
  const answer = page.locator(".desk-answer");
  await expect(answer).toHaveAttribute("data-answer", "admit");
  await expect(answer).toContainText("Yasmine");
  await expect(answer).toContainText("at desk 2");
  await expect(page.locator("#field-code")).toBeFocused();

  // Found by name at another desk: already in, at desk 2.
  await page.locator("#field-desk").fill("3");
  await page.locator("#field-code").fill(family);
  await page.keyboard.press("Enter");
  const row = page.locator("table.found tbody tr", { hasText: family });
  await expect(row).toContainText("desk 2");
  await row.getByRole("button", { name: "Check in" }).click();
  await expect(answer).toHaveAttribute("data-answer", "already");
  await expect(answer).toContainText("Already checked in today");

  // Taken back, then scanned again.
  await page.getByRole("button", { name: "Undo this check-in" }).click();
  await expect(answer).toHaveAttribute("data-answer", "undone");
  await page.locator("#field-code").fill(code);
  await page.keyboard.press("Enter");
  await expect(answer).toHaveAttribute("data-answer", "admit");

  // In Arabic: right to left, the same answer in Arabic words.
  await page.goto("/ar/admin/conferences/mechelen-2017/check-in");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.locator("#field-code").fill(code);
  await page.keyboard.press("Enter");
  await expect(answer).toHaveAttribute("data-answer", "already");
  await expect(answer).toContainText("سُجّل وصوله اليوم");
  await expect(answer).toContainText("Yasmine");
  // A code nobody has: refused, in red and in words.
  await page.locator("#field-code").fill("0000-0000-0000");
  await page.keyboard.press("Enter");
  await expect(answer).toHaveAttribute("data-answer", "refuse");
  await expect(answer).toContainText("بطاقة غير معروفة");
});
