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
