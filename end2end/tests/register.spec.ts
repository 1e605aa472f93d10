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
  });
  await page.locator("#field-country").selectOption("BE");
  await page.getByLabel("Participant category").selectOption("mayor_or_governor");
  await page.getByLabel("English", { exact: true }).check();
  await page.getByLabel("I need a visa invitation letter").check();
  await fill(page, { passport_name: "SOMERS Bart", passport_number: "EJ123456", date_of_birth: "1964-03-21" });
  await page.locator("#field-nationality").selectOption("BE");
  await page.getByLabel(/Workshop: Social inclusion and cohesion/).check();
  await page.getByLabel("Yes", { exact: true }).check();
  await page.getByLabel("I agree that the organisers process my data").check();
  await page.getByRole("button", { name: "Register" }).click();
  // The mistake is named beside its field; everything else is kept.
  await expect(page.locator("#field-email-problem")).toHaveText("Please enter an email address such as name@example.org.");
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Given name")).toHaveValue("Bart");
  await expect(page.getByLabel("Participant category")).toHaveValue("mayor_or_governor");
  await expect(page.getByLabel(/Workshop: Social inclusion and cohesion/)).toBeChecked();
  await expect(page.getByLabel("Passport number")).toHaveValue("EJ123456");
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
  });
  await page.locator("#field-country").selectOption("LB");
  await expect(page.locator("#field-country option[value=LB]")).toHaveText("لبنان");
  await page.getByLabel("فئة المشارك").selectOption("civil_society");
  await page.getByLabel("العربية", { exact: true }).check();
  // Consent forgotten.
  await page.getByRole("button", { name: "سجّل" }).click();
  await expect(page.locator("#field-consent-problem")).toContainText("يُرجى الموافقة على معالجة بياناتك");
  await expect(page.getByLabel("الاسم الأول")).toHaveValue("أمل");
  await page.locator("#field-consent").check();
  await page.getByRole("button", { name: "سجّل" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("تفقّد بريدك الإلكتروني");
});

test("mistakes are shown as the delegate leaves the field, before sending", async ({ page }) => {
  await page.goto("/en/conferences/mechelen-2017/register");
  const email = page.getByLabel("Email address");
  // Wait for the island: the form is marked once its checks are attached.
  await expect(page.locator("form.registration[data-live]")).toHaveCount(1);
  // Passing through an empty field is not a mistake.
  await page.getByLabel("Given name").focus();
  await email.focus();
  await expect(page.locator("#field-given_name-problem")).toHaveCount(0);
  await email.fill("bart@");
  await page.getByLabel("Organisation", { exact: true }).focus();
  await expect(page.locator("#field-email-problem")).toHaveText("Please enter an email address such as name@example.org.");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await email.fill("bart@example.org");
  await page.getByLabel("Organisation", { exact: true }).focus();
  await expect(page.locator("#field-email-problem")).toHaveCount(0);
  await expect(email).not.toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Given name").fill("Bart <b>");
  await email.focus();
  await expect(page.locator("#field-given_name-problem")).toHaveText("Please remove the angle brackets (< and >).");
  // Nothing was sent: still the form.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Register");
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
    });
    await page.locator("#field-country").selectOption("FR");
    await page.getByLabel("Catégorie de participant").selectOption("local_or_regional_government");
    await page.getByLabel("Français", { exact: true }).check();
    await page.getByLabel("Oui", { exact: true }).check();
    await page.locator("#field-consent").check();
    await page.getByRole("button", { name: "S'inscrire" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Consultez votre messagerie");
  });
});
