import { test, expect } from "@playwright/test";
import { PNG } from "pngjs";
import { signIn } from "./helpers";

/** A 480 × 360 picture of soft colours, as a phone's photo would be. */
function photo(): Buffer {
  const png = new PNG({ width: 480, height: 360 });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      png.data[i] = (x * 255) / png.width;
      png.data[i + 1] = (y * 255) / png.height;
      png.data[i + 2] = 140;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

test("an organiser gives a speaker a French and Arabic biography and a portrait, and a session its slides", async ({ page }) => {
  await signIn(page);
  // From the agenda editor's people, the Mayor of Beirut's profile.
  await page.goto("/admin/conferences/beirut-2017/agenda");
  await page.getByRole("link", { name: "Jamal Itani" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jamal Itani" })).toBeVisible();
  const run = Date.now().toString(36);
  await page.locator("#field-bio-fr").fill(`Maire de Beyrouth depuis 2016. (${run})`);
  await page.locator("#field-bio-ar").fill(`رئيس بلدية بيروت منذ عام 2016. (${run})`);
  await page.locator("#field-alt-en").fill("The mayor at the opening");
  await page.locator("#field-alt-fr").fill("Le maire à l’ouverture");
  await page.locator("#field-alt-ar").fill("رئيس البلدية في الافتتاح");
  await page.locator("#field-photo").setInputFiles({ name: "itani.png", mimeType: "image/png", buffer: photo() });
  await page.getByRole("button", { name: "Save the profile" }).click();
  await expect(page.getByRole("status")).toContainText("The profile is saved");
  // The preview shows the portrait in each language.
  await expect(page.locator(".preview .person[lang=ar] .bio")).toContainText(run);

  // A session's slides: the demo's own declaration, as a PDF.
  const declaration = await page.request.get("/documents/mechelen-declaration");
  const href = (await declaration.text()).match(/href="(\/files\/[^"]+)"/)![1];
  const pdf = await (await page.request.get(href)).body();
  await page.goto("/admin/conferences/beirut-2017/agenda/city-migration-profiles");
  await page.locator("#field-material-kind").selectOption("slides");
  await page.locator("#field-material-lang").selectOption("ar");
  await page.locator("#field-material-title").fill(`عرض الشرائح ${run}`);
  await page.locator("#field-material-file").setInputFiles({ name: "profiles.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "Add the document" }).click();
  await expect(page.locator("#materials table")).toContainText(`عرض الشرائح ${run}`);

  // The public pages, in Arabic: the portrait with its words, the
  // biography, and the session's slides.
  await page.goto("/ar/conferences/beirut-2017/people/jamal-itani");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const portrait = page.getByRole("img", { name: "رئيس البلدية في الافتتاح" });
  await expect(portrait).toBeVisible();
  // The browser chose a WebP that fits the screen, and it loaded.
  const source = await portrait.evaluate((img: HTMLImageElement) => img.currentSrc);
  expect(source).toMatch(/\.webp$/);
  expect(await portrait.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.locator(".bio")).toContainText(run);
  await page.goto("/fr/conferences/beirut-2017/people/jamal-itani");
  await expect(page.getByRole("img", { name: "Le maire à l’ouverture" })).toBeVisible();
  await expect(page.locator(".bio")).toContainText(`Maire de Beyrouth depuis 2016. (${run})`);
  await page.goto("/ar/conferences/beirut-2017/sessions/city-migration-profiles");
  const slides = page.getByRole("link", { name: `عرض الشرائح ${run}` });
  await expect(slides).toBeVisible();
  const file = await page.request.get((await slides.getAttribute("href"))!);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  // The session page shows its speaker's face.
  await page.goto("/ar/conferences/beirut-2017/sessions/opening");
  await expect(page.getByRole("img", { name: "رئيس البلدية في الافتتاح" })).toBeVisible();
});
