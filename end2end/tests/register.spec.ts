import { test, expect, Page } from "@playwright/test";

const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

async function fill(page: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    await page.locator(`[name=${name}]`).fill(value);
  }
}

test("a delegate registers in English, correcting one mistake", async ({ page }) => {
  await page.goto("/en/conferences/mechelen-2017");
  await page.getByRole("link", { name: "Register" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Register");
  await fill(page, {
    given_name: "Bart",
    family_name: "Somers",
    email: `bart.somers.${unique()}@`,
    organisation: "City of Mechelen",
    city: "Mechelen",
    country: "BE",
  });
  await page.getByLabel("Participant category").selectOption("mayor_or_governor");
  await page.getByLabel("I agree that the organisers process my data").check();
  await page.getByRole("button", { name: "Register" }).click();
  // The mistake is named beside its field; everything else is kept.
  await expect(page.locator("#field-email-problem")).toHaveText("Please enter an email address such as name@example.org.");
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Given name")).toHaveValue("Bart");
  await expect(page.getByLabel("Participant category")).toHaveValue("mayor_or_governor");
  await page.getByLabel("Email address").fill(`bart.somers.${unique()}@example.org`);
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
});

test("a delegate registers in Arabic, from right to left", async ({ page }) => {
  await page.goto("/ar/conferences/beirut-2017/register");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await fill(page, {
    given_name: "أمل",
    family_name: "حداد",
    email: `amal.${unique()}@example.org`,
    organisation: "بلدية بيروت",
    city: "بيروت",
    country: "LB",
  });
  await page.getByLabel("فئة المشارك").selectOption("civil_society");
  // Consent forgotten.
  await page.getByRole("button", { name: "سجّل" }).click();
  await expect(page.locator("#field-consent-problem")).toContainText("يُرجى الموافقة على معالجة بياناتك");
  await expect(page.getByLabel("الاسم الأول")).toHaveValue("أمل");
  await page.locator("#field-consent").check();
  await page.getByRole("button", { name: "سجّل" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("تفقّد بريدك الإلكتروني");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form posts, shows its problems and registers", async ({ page }) => {
    await page.goto("/fr/conferences/mechelen-2017/register");
    await page.getByRole("button", { name: "S'inscrire" }).click();
    await expect(page.locator("#field-given_name-problem")).toHaveText("Veuillez remplir ce champ.");
    await fill(page, {
      given_name: "Zoë",
      family_name: "O'Connor",
      email: `zoe.${unique()}@example.org`,
      organisation: "Ville de Lyon",
      city: "Lyon",
      country: "FR",
    });
    await page.getByLabel("Catégorie de participant").selectOption("local_or_regional_government");
    await page.locator("#field-consent").check();
    await page.getByRole("button", { name: "S'inscrire" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Consultez votre messagerie");
  });
});
