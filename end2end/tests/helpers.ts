import { expect, Page } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// scripts/test runs a real SMTP server (aiosmtpd) that writes every message
// it receives into this Maildir, and points the server's SMTP_URL at it.
export const maildir = process.env.CONVENE_E2E_MAILDIR;

/** The raw message to `to` whose subject starts with `subject`, once it has arrived. */
export async function mailTo(to: string, subject: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    for (const sub of ["new", "cur"]) {
      let names: string[] = [];
      try {
        names = readdirSync(join(maildir!, sub));
      } catch {
        names = [];
      }
      for (const name of names) {
        const raw = readFileSync(join(maildir!, sub, name), "utf8");
        const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
        if (head.includes(`To: ${to}`) && new RegExp(`^Subject: ${subject}`, "m").test(head)) {
          return raw;
        }
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no message "${subject}" to ${to} in ${maildir}`);
}

/** Signs in as the administrator the first browser test made. */
export async function signIn(page: Page) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email address").fill("administrator@example.org");
  await page.getByLabel("Password").fill("Mechelen declaration 2017");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

/** Registers a delegate at Mechelen (Antwerp, local government, English),
 * confirms their address by the emailed link, and gives the private
 * link's path from the confirmation. */
export async function confirmedDelegate(page: Page, given: string, family: string, email: string): Promise<string> {
  await page.goto("/en/conferences/mechelen-2017/register");
  for (const [name, value] of Object.entries({
    given_name: given,
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
  const confirmation = await mailTo(email, "Your registration is confirmed");
  const privateLink = confirmation.match(/https?:\/\/[^\s"<]+\/r\/[A-Za-z0-9_-]{20,}/)![0];
  return new URL(privateLink).pathname;
}
