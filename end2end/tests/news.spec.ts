import { test, expect, type Page } from "@playwright/test";

const email = "administrator@example.org";
const password = "Mechelen declaration 2017";

async function signIn(page: Page) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

// A 2×2 PNG.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGOQz98CRAwQCgAg8gUJt6retwAAAABJRU5ErkJggg==",
  "base64",
);

test("an organiser adds a document, writes a post in three languages with a picture that refers to it, previews it, publishes it, and it is on the topic page and in the feed", async ({ page }) => {
  // Its own words on every run, so that a rerun starts afresh.
  const run = Date.now().toString(36);
  await signIn(page);

  // A document: the demo's declaration PDF, uploaded again under a new title.
  const demo = await page.request.get("/documents/mechelen-declaration");
  const href = (await demo.text()).match(/href="(\/files\/[0-9a-f]{64}\/[^"]+)"/)![1];
  const pdf = await (await page.request.get(href)).body();
  await page.getByRole("link", { name: "Outcome documents" }).click();
  await page.getByRole("link", { name: "Add a document" }).click();
  await page.locator("#field-title-en").fill(`Workshop conclusions ${run}`);
  await page.locator("#field-adopted-on").fill("2017-11-17");
  await page.getByLabel("Conference", { exact: true }).selectOption("mechelen-2017");
  // A file that is no PDF first: refused beside its field.
  await page.locator("#field-file-en").setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>not a pdf</html>") });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#field-file-en-problem")).toContainText("This kind of file is not taken here");
  await expect(page.locator("#field-title-en")).toHaveValue(`Workshop conclusions ${run}`);
  await page.locator("#field-file-en").setInputFiles({ name: "conclusions.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("The document is saved.");

  // The post, in English, French and Arabic.
  await page.goto("/admin/news/new");
  await page.locator("#field-title-en").fill(`Mechelen workshops ${run}`);
  await page.locator("#field-teaser-en").fill("Four workshops, one declaration.");
  await page.locator("#field-body-en").fill("Cities met in **four** workshops.");
  await page.locator("#field-title-fr").fill(`Les ateliers de Malines ${run}`);
  await page.locator("#field-teaser-fr").fill("Quatre ateliers, une déclaration.");
  await page.locator("#field-body-fr").fill("Les villes se sont réunies en **quatre** ateliers.");
  await page.locator("#field-title-ar").fill(`ورش عمل ميخلين ${run}`);
  await page.locator("#field-teaser-ar").fill("أربع ورش عمل وإعلان واحد.");
  await page.locator("#field-body-ar").fill("اجتمعت المدن في **أربع** ورش عمل.");
  await page.getByLabel("Kind", { exact: true }).selectOption("report");
  await page.getByLabel("Conference", { exact: true }).selectOption("mechelen-2017");
  await page.getByLabel("Topics (one per line)").fill("Migration");
  await page.getByLabel(`Workshop conclusions ${run}`).check();
  await page.locator("#field-image").setInputFiles({ name: "stage.png", mimeType: "image/png", buffer: png });
  await page.locator("#field-alt-en").fill("Mayors on the stage");
  await page.locator("#field-alt-fr").fill("Des maires sur la scène");
  await page.locator("#field-alt-ar").fill("رؤساء بلديات على المنصة");
  // Scheduled: yesterday at 09:00 at the venue, so it is out already.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Day", { exact: true }).fill(yesterday);
  await page.getByLabel("Time", { exact: true }).fill("09:00");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator(".preview strong").first()).toHaveText("four");
  await expect(page.locator("#field-title-ar")).toHaveValue(`ورش عمل ميخلين ${run}`);
  // A file input comes back empty: the picture is chosen again.
  await page.locator("#field-image").setInputFiles({ name: "stage.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("The post is saved.");

  // On the topic page, in each language, and whole on its own page.
  await page.goto("/topics/migration");
  await page.getByRole("link", { name: `Mechelen workshops ${run}` }).click();
  await expect(page.locator(".post .body strong")).toHaveText("four");
  await expect(page.getByRole("img", { name: "Mayors on the stage" })).toBeVisible();
  await expect(page.getByRole("link", { name: `Workshop conclusions ${run}` })).toBeVisible();
  await page.goto("/ar/topics/migration");
  await expect(page.getByRole("link", { name: `ورش عمل ميخلين ${run}` })).toBeVisible();
  // And in the topic's feed, in the language chosen last (Arabic), with the
  // document enclosed.
  await page.goto("/topics/migration");
  const rss = await page.request.get(
    await page.getByRole("link", { name: "RSS" }).first().getAttribute("href") ?? "",
  );
  expect(rss.headers()["content-type"]).toContain("application/rss+xml");
  const feed = await rss.text();
  expect(feed).toContain("<language>ar</language>");
  expect(feed).toContain(`ورش عمل ميخلين ${run}`);
  expect(feed).toContain('<enclosure url="');
});
