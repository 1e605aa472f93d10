import { test, expect } from "@playwright/test";

// Markup that runs script if a page prints it raw: each sets a flag, opens
// a dialog, or breaks out of an attribute or a text block.
const payloads = [
  "<script>window.__pwned=1</script>",
  "<img src=x onerror=\"window.__pwned=1\">",
  "<svg onload=alert(1)>",
  "\"><script>alert(1)</script>",
  "'><img src=x onerror=alert(1)>",
  "</title><script>alert(1)</script>",
  "</textarea><script>alert(1)</script>",
  "<iframe src=\"javascript:alert(1)\"></iframe>",
  "<a href=\"javascript:alert(1)\">click</a>",
  "<details open ontoggle=alert(1)>",
  "<body onload=alert(1)>",
  "<math><mtext><script>alert(1)</script></mtext></math>",
  "<input autofocus onfocus=alert(1)>",
  "<style>@import 'https://evil.example/x.css'</style>",
  "\" onmouseover=\"alert(1)",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "=HYPERLINK(\"https://evil.example\")",
];

test("markup typed by delegates runs nowhere when staff read it", async ({ page }) => {
  const run = Date.now().toString(36);
  for (const [i, payload] of payloads.entries()) {
    const response = await page.request.post("/conferences/mechelen-2017/register", {
      form: {
        given_name: "Hostile",
        family_name: `H${run}x${i}`,
        email: `hostile-${run}-${i}@example.org`,
        organisation: payload,
        function: payload,
        city: payload,
        country: "BE",
        category: "press",
        languages: "en",
        accessibility: payload,
        dietary: payload,
        "q_study-visit": "yes",
        consent: "on",
      },
      maxRedirects: 0,
    });
    expect(response.status(), `payload ${i}`).toBe(303);
  }

  const dialogs: string[] = [];
  const blocked: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) blocked.push(message.text());
  });
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email address").fill("administrator@example.org");
  await page.getByLabel("Password").fill("Mechelen declaration 2017");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);

  await page.goto(`/admin/conferences/mechelen-2017/registrations?q=h${run}`);
  await expect(page.locator(".found")).toContainText(`${payloads.length} registrations found`);
  // The table shows the text as it was typed, as text.
  await expect(page.getByText(payloads[0], { exact: true }).first()).toBeVisible();
  const details = await page.locator("table a[href*='/registrations/']").evaluateAll((links) =>
    links.map((a) => (a as HTMLAnchorElement).getAttribute("href")!),
  );
  expect(details.length).toBe(payloads.length);
  for (const href of details) {
    await page.goto(href);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Hostile");
  }
  await page.goto("/admin/conferences/mechelen-2017/audit");
  await page.goto("/admin/conferences/mechelen-2017/mail");

  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs, "no dialog opened").toEqual([]);
  expect(blocked, "nothing reached the page as script for the policy to block").toEqual([]);
  console.log(`hostile: ${payloads.length} payloads in 5 fields, ${details.length + 3} staff pages read, 0 ran`);
});
