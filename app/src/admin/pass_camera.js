// The phone's camera as a pass reader on the check-in desk. Where the
// browser has a BarcodeDetector (Chrome on Android, for one) and a camera,
// the button shows; a QR code the camera sees is typed into the desk's field
// and sent, as a USB scanner does. Elsewhere, and without JavaScript, the
// button stays hidden and the field works as before.
//
// The page is sent and comes back with each scan, so the camera is kept on
// across pages (in the tab's session storage) until "Stop" is pressed. The
// code just sent is not sent again for ten seconds: a pass still held up is
// answered once, not once a frame.
//
// A plain script, not an island: see ARCHITECTURE.md ("The camera reader").
(() => {
  "use strict";
  const KEEP = "convene-camera";
  const LAST = "convene-camera-last"; // "{code} {milliseconds}"
  const AGAIN_AFTER_MS = 10000;
  const box = document.querySelector(".pass-camera");
  if (!box) return;
  const button = box.querySelector("button");
  const video = box.querySelector("video");
  const status = box.querySelector("[role=status]");
  let storage = null;
  try {
    storage = window.sessionStorage;
  } catch (_) {
    // Storage refused (a private mode): the camera just is not kept on.
  }
  box.dataset.ready = "true";
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices?.getUserMedia) return;
  box.hidden = false;

  let scanning = false;
  let stream = null;
  // Each start is a turn; a loop whose turn has passed ends.
  let turn = 0;

  const show = (on, problem) => {
    scanning = on;
    box.dataset.camera = on ? "on" : "off";
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? box.dataset.stop : box.dataset.start;
    video.hidden = !on;
    status.textContent = problem || (on ? box.dataset.hint : "");
  };
  const keep = (on) => {
    try {
      if (on) storage?.setItem(KEEP, "on");
      else storage?.removeItem(KEEP);
    } catch (_) {}
  };
  // Turns the camera off (its light too).
  const stop = () => {
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
  };
  const justSent = (code) => {
    const [sent, at] = (storage?.getItem(LAST) ?? "").split(" ");
    return sent === code && Date.now() - Number(at) < AGAIN_AFTER_MS;
  };
  // Types the code into the desk's field and sends its form, as a
  // scanner's Enter would.
  const send = (code) => {
    const field = document.getElementById("field-code");
    field.value = code;
    try {
      storage?.setItem(LAST, `${code} ${Date.now()}`);
    } catch (_) {}
    field.form.requestSubmit();
  };
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // Opens the back camera and reads its picture five times a second until
  // a QR code is seen (then sends it) or the camera is stopped.
  const run = async (mine) => {
    const opened = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    if (mine !== turn) {
      opened.getTracks().forEach((track) => track.stop());
      return;
    }
    stream = opened;
    video.srcObject = stream;
    await video.play();
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    while (mine === turn) {
      await pause(200);
      if (mine !== turn) break;
      let found = [];
      try {
        found = await detector.detect(video);
      } catch (_) {
        continue; // a picture not ready yet reads as nothing
      }
      const code = found.map((barcode) => barcode.rawValue).find(Boolean);
      if (code && !justSent(code)) {
        send(code);
        return;
      }
    }
  };
  const start = () => {
    const mine = ++turn;
    show(true);
    run(mine).catch(() => {
      if (mine !== turn) return;
      turn++;
      stop();
      keep(false);
      show(false, box.dataset.denied);
    });
  };

  button.addEventListener("click", () => {
    if (scanning) {
      turn++;
      keep(false);
      stop();
      show(false);
    } else {
      keep(true);
      start();
    }
  });
  if (storage?.getItem(KEEP) === "on") start();
})();
