import { test, expect, type Page } from "@playwright/test";

const email = "administrator@example.org";
const password = "Mechelen declaration 2017";

test("the first administrator is made, signs in, sees a conference's registrations and signs out", async ({ page }) => {
  // Nobody signed in: the back office sends to the sign-in page.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in$/);

  const setup = await page.goto("/admin/setup");
  if (setup?.status() === 200) {
    // The code the server printed in its log when it started.
    await page.getByLabel("Setup code").fill(process.env.CONVENE_E2E_SETUP_CODE ?? "");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill("password1");
    await page.getByRole("button", { name: "Create the administrator" }).click();
    await expect(page.locator("#field-password-problem")).toContainText("one of the passwords people use most");
    await expect(page.getByLabel("Email address")).toHaveValue(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create the administrator" }).click();
  } else {
    // A retry: the administrator exists already.
    await page.goto("/admin/sign-in");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();

  await page.getByRole("link", { name: "Global Conference on Cities and Migration" }).click();
  await page.getByRole("link", { name: "See and manage the registrations" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Registrations");
  await expect(page.locator(".found")).toContainText("registrations found");
  await page.getByLabel("Search (name, email, organisation, city)").fill("nobody-by-this-name");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.locator(".found")).toContainText("0 registrations found");
  await expect(page.getByLabel("Search (name, email, organisation, city)")).toHaveValue("nobody-by-this-name");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
});

async function signIn(page: Page) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

test("an administrator sets up a conference, builds its agenda with a conflict, sees the warning as it is typed and publishes it", async ({ page }) => {
  // Its own address on every run, so that a rerun starts afresh.
  const slug = `athens-${Date.now().toString(36)}`;
  await signIn(page);
  await page.getByRole("link", { name: "New conference" }).click();
  await page.getByLabel("Address", { exact: true }).fill(slug);
  await page.getByLabel("Title (English)").fill("Cities and Migration, Athens");
  await page.getByLabel("How delegates' data is used (English)").fill("Your data serves the conference only.");
  await page.getByLabel("First day").fill("2018-06-04");
  await page.getByLabel("Last day").fill("2018-06-05");
  await page.getByLabel("Time zone of the venue").fill("Athens");
  await page.getByLabel("Venue", { exact: true }).fill("Technopolis");
  await page.getByLabel("City", { exact: true }).fill("Athens");
  await page.getByLabel("Country", { exact: true }).selectOption("GR");
  await page.getByRole("button", { name: "Create the conference" }).click();
  // A mistake is shown beside its field; everything typed stays.
  await expect(page.locator("#field-zone-problem")).toContainText("Please enter a time zone such as Europe/Brussels");
  await expect(page.getByLabel("Venue", { exact: true })).toHaveValue("Technopolis");
  await page.getByLabel("Time zone of the venue").fill("Europe/Athens");
  await page.getByRole("button", { name: "Create the conference" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/conferences/${slug}/settings$`));
  await expect(page.getByRole("heading", { name: "Not published" })).toBeVisible();
  // Not on the public site yet.
  expect((await page.request.get(`/conferences/${slug}`)).status()).toBe(404);

  await page.goto(`/admin/conferences/${slug}/agenda`);
  await page.getByLabel("Name (English)").fill("Room A");
  await page.getByLabel("Holds (people)").fill("20");
  await page.getByRole("button", { name: "Add a room" }).click();
  await expect(page.locator(".rooms tbody")).toContainText("Room A");

  for (const title of ["Opening plenary", "Workshop on housing"]) {
    await page.goto(`/admin/conferences/${slug}/agenda`);
    await page.getByRole("link", { name: "Add a session" }).click();
    // The checks listen once the page's script has started.
    await expect(page.locator("[data-session-checks][data-ready]")).toBeAttached();
    await page.getByLabel("Title (English)").fill(title);
    await page.getByLabel("Day", { exact: true }).fill("2018-06-04");
    await page.getByLabel("Starts").fill("09:00");
    await page.getByLabel("Ends").fill("10:00");
    await page.getByLabel("Room", { exact: true }).selectOption({ label: "Room A" });
    // Flagged as it is typed, before anything is saved.
    await expect(page.locator(".live-health")).toContainText(
      title === "Opening plenary" ? "causes no warning" : "are in Room A at the same time",
    );
    if (title === "Workshop on housing") {
      await page.getByLabel("Track (optional)").fill("Housing");
    }
    await page.getByRole("button", { name: "Save the session" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  }
  // Two sessions in one room at once: saved, and flagged.
  await expect(page.locator(".health")).toContainText("are in Room A at the same time");
  await page.goto(`/admin/conferences/${slug}/agenda`);
  await expect(page.locator(".health")).toContainText("are in Room A at the same time");

  await page.goto(`/admin/conferences/${slug}/settings`);
  await page.getByRole("button", { name: "Publish the conference" }).click();
  await expect(page.getByRole("heading", { name: "Published", exact: true })).toBeVisible();
  await page.goto(`/conferences/${slug}/agenda`);
  await expect(page.getByText("Opening plenary")).toBeVisible();
  await expect(page.locator(".track", { hasText: "Housing" })).toBeVisible();
  await expect(page.getByText("09:00–10:00 EEST", { exact: false }).first()).toBeVisible();
});
