import { test, expect, chromium } from "@playwright/test";
import { writeFileSync } from "node:fs";
import { PNG } from "pngjs";
import { confirmedDelegate, maildir, signIn } from "./helpers";

test("a delegate's pass is scanned at the desk, found by name, undone, and read in Arabic", async ({ page }) => {
  test.skip(!maildir, "needs the SMTP server that scripts/test starts");
  const run = Date.now().toString(36);
  const family = `Desk${run}`;
  const email = `desk.${run}@example.org`;

  // A delegate registers at Mechelen and confirms their address.
  const privateLink = await confirmedDelegate(page, "Yasmine", family, email);
  await page.goto(privateLink);
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

/** A picture as a one-frame YUV4MPEG2 video, which Chromium's fake camera
 * plays in a loop: the picture (grey levels) on white, in the middle. */
function y4m(png: PNG): Buffer {
  const [width, height] = [640, 480];
  const scale = Math.max(1, Math.floor(400 / Math.max(png.width, png.height)));
  const [left, top] = [(width - png.width * scale) / 2, (height - png.height * scale) / 2].map(Math.floor);
  const luma = Buffer.alloc(width * height, 255);
  for (let y = 0; y < png.height * scale; y++) {
    for (let x = 0; x < png.width * scale; x++) {
      const i = (Math.floor(y / scale) * png.width + Math.floor(x / scale)) * 4;
      const alpha = png.data[i + 3] / 255;
      const grey = 0.299 * png.data[i] + 0.587 * png.data[i + 1] + 0.114 * png.data[i + 2];
      luma[(top + y) * width + left + x] = Math.round(grey * alpha + 255 * (1 - alpha));
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  return Buffer.concat([header, luma, chroma]);
}

test("a phone camera reads the pass where the browser can read QR codes", async ({ page, baseURL }, testInfo) => {
  test.skip(!maildir, "needs the SMTP server that scripts/test starts");
  const run = Date.now().toString(36);
  const family = `Camera${run}`;
  const privateLink = await confirmedDelegate(page, "Karim", family, `camera.${run}@example.org`);
  await page.goto(privateLink);
  const qr = await page.getByRole("img", { name: "QR code of your pass" }).screenshot();

  // This browser reads no QR codes: the desk offers no camera, and the
  // field works as it always did.
  await signIn(page);
  await page.goto("/admin/conferences/mechelen-2017/check-in");
  const camera = page.locator(".pass-camera");
  await expect(camera).toHaveAttribute("data-ready", "true");
  await expect(camera).toBeHidden();

  // A phone's: its camera sees the pass as the delegate holds it up.
  // (Chromium on Linux has no BarcodeDetector; where one is missing the
  // test supplies it, reading the camera's frames with jsQR.)
  const video = testInfo.outputPath("pass.y4m");
  writeFileSync(video, y4m(PNG.sync.read(qr)));
  const launch = testInfo.project.use.launchOptions!;
  const phone = await chromium.launch({
    ...launch,
    args: [
      ...(launch.args ?? []),
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const context = await phone.newContext({ baseURL, permissions: ["camera"] });
    await context.addInitScript({ path: require.resolve("jsqr/dist/jsQR.js") });
    await context.addInitScript(() => {
      if ("BarcodeDetector" in window) return;
      (window as any).BarcodeDetector = class {
        async detect(source: HTMLVideoElement) {
          const [w, h] = [source.videoWidth, source.videoHeight];
          if (!w || !h) return [];
          const canvas = document.createElement("canvas");
          [canvas.width, canvas.height] = [w, h];
          const context = canvas.getContext("2d")!;
          context.drawImage(source, 0, 0, w, h);
          const found = (window as any).jsQR(context.getImageData(0, 0, w, h).data, w, h);
          return found ? [{ rawValue: found.data, format: "qr_code" }] : [];
        }
      };
    });
    const desk = await context.newPage();
    await signIn(desk);
    await desk.goto("/admin/conferences/mechelen-2017/check-in");
    await desk.getByRole("button", { name: "Scan with the camera" }).click();
    const answer = desk.locator(".desk-answer");
    await expect(answer).toHaveAttribute("data-answer", "admit");
    await expect(answer).toContainText("Karim");
    await expect(answer).toContainText(family);
    // The camera stays on for the next delegate, until stopped.
    const reader = desk.locator(".pass-camera");
    await expect(reader).toHaveAttribute("data-camera", "on");
    await expect(desk.locator(".pass-camera video")).toBeVisible();
    await desk.getByRole("button", { name: "Stop the camera" }).click();
    await expect(reader).toHaveAttribute("data-camera", "off");
    await desk.reload();
    await expect(desk.getByRole("button", { name: "Scan with the camera" })).toBeVisible();
    await expect(reader).toHaveAttribute("data-camera", "off");
  } finally {
    await phone.close();
  }
});
