"use strict";
const pad = document.getElementById("pad");
const ctx = pad.getContext("2d");
const bars = document.getElementById("bars");
const statusLine = document.getElementById("status");
let dirty = false, inFlight = false, timer = null;

/**
 * Makes a canvas a sheet to write on with mouse, pen or finger: onMove after each stroke segment, onUp when
 * the pen lifts. Returns the sheet: reset() gives blank paper; drawing and inked say what the pen is doing.
 */
function inkPad(canvas, lineWidth, onMove, onUp) {
  const c = canvas.getContext("2d");
  const sheet = { drawing: false, inked: false };
  let lastPoint = null;
  sheet.reset = () => {
    c.fillStyle = "#fbfaf7";
    c.fillRect(0, 0, canvas.width, canvas.height);
    c.strokeStyle = "#111827";
    c.lineWidth = lineWidth;
    c.lineCap = "round";
    c.lineJoin = "round";
    sheet.inked = false;
  };
  const at = event => {
    const r = canvas.getBoundingClientRect();
    return { x: (event.clientX - r.left) * canvas.width / r.width, y: (event.clientY - r.top) * canvas.height / r.height };
  };
  canvas.addEventListener("pointerdown", e => {
    canvas.setPointerCapture(e.pointerId);
    sheet.drawing = true;
    lastPoint = at(e);
    c.beginPath();
    c.arc(lastPoint.x, lastPoint.y, c.lineWidth / 2, 0, 2 * Math.PI);
    c.fillStyle = c.strokeStyle;
    c.fill();
    sheet.inked = true;
    onMove();
    e.preventDefault();
  });
  canvas.addEventListener("pointermove", e => {
    if (!sheet.drawing) return;
    const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
    for (const ev of events.length ? events : [e]) {
      const p = at(ev);
      c.beginPath();
      c.moveTo(lastPoint.x, lastPoint.y);
      c.lineTo(p.x, p.y);
      c.stroke();
      lastPoint = p;
    }
    onMove();
  });
  for (const type of ["pointerup", "pointercancel"]) {
    canvas.addEventListener(type, () => { if (sheet.drawing) { sheet.drawing = false; onUp(); } });
  }
  sheet.reset();
  return sheet;
}

const digitPad = inkPad(pad, 18, () => {
  dirty = true;
  if (!timer) timer = setTimeout(() => { timer = null; predictCanvas(); }, 200);
}, () => predictCanvas());
function resetPad() { digitPad.reset(); }

function buildBars(labels) {
  bars.innerHTML = "";
  labels.forEach(label => {
    const li = document.createElement("li");
    li.innerHTML = '<span></span><div class="bar"><span></span></div><span class="pct">0%</span>';
    li.firstChild.textContent = label;
    bars.appendChild(li);
  });
}

document.getElementById("clear").addEventListener("click", () => {
  resetPad();
  showEmpty("draw something");
});

document.getElementById("file").addEventListener("change", async e => {
  const file = e.target.files[0];
  if (!file) return;
  e.target.value = "";
  try {
    const bitmap = await createImageBitmap(file);
    resetPad();
    const scale = Math.min(pad.width / bitmap.width, pad.height / bitmap.height);
    ctx.drawImage(bitmap, (pad.width - bitmap.width * scale) / 2, (pad.height - bitmap.height * scale) / 2,
                  bitmap.width * scale, bitmap.height * scale);
  } catch (err) {
    resetPad(); // the server judges the file; the browser may just not show this format
  }
  send(file, file.type || "application/octet-stream");
});

function predictCanvas() {
  if (!dirty || !digitPad.inked) return;
  if (inFlight) { if (!timer) timer = setTimeout(() => { timer = null; predictCanvas(); }, 100); return; }
  dirty = false;
  send(JSON.stringify({ image: pad.toDataURL("image/png") }), "application/json");
}

async function send(body, type) {
  inFlight = true;
  try {
    const response = await fetch("api/predict", { method: "POST", headers: { "Content-Type": type }, body });
    const answer = await response.json();
    if (!response.ok) { showEmpty("no answer"); statusLine.textContent = answer.error; return; }
    show(answer);
  } catch (err) {
    statusLine.textContent = "The server did not answer: " + err.message;
  } finally {
    inFlight = false;
  }
}

function show(answer) {
  statusLine.textContent = "";
  document.getElementById("digit").textContent = answer.label;
  document.getElementById("confidence").textContent = (100 * answer.confidence).toFixed(1) + "% sure";
  document.getElementById("seen").src = answer.image;
  answer.probabilities.forEach((p, k) => {
    const li = bars.children[k];
    li.classList.toggle("best", k === answer.digit);
    li.querySelector(".bar span").style.width = (100 * p).toFixed(1) + "%";
    li.querySelector(".pct").textContent = (100 * p).toFixed(1) + "%";
  });
  document.body.dataset.answered = String((Number(document.body.dataset.answered) || 0) + 1);
}

function showEmpty(message) {
  statusLine.textContent = "";
  document.getElementById("digit").textContent = "?";
  document.getElementById("confidence").textContent = message;
  for (const li of bars.children) {
    li.classList.remove("best");
    li.querySelector(".bar span").style.width = "0";
    li.querySelector(".pct").textContent = "0%";
  }
}

// true when nothing drawn is waiting for an answer (the browser test waits on it)
window.inkwellSettled = () => !digitPad.drawing && !dirty && !inFlight && !timer;

buildBars(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
fetch("api/model").then(r => r.json()).then(m => {
  buildBars(m.classes);
  const accuracy = m.info.test_accuracy ? ", " + (100 * Number(m.info.test_accuracy)).toFixed(2) + "% on the MNIST test set" : "";
  document.getElementById("model").textContent = "Model: " + m.name + " (" + m.architecture + accuracy + "). Inkwell, a pure-Java CNN.";
}).catch(() => {});

// A whole number, on a wider sheet: each digit found is boxed and read.
const numberSheet = document.getElementById("number-pad");
const numberBoxes = document.getElementById("number-boxes");
const numberAnswer = document.getElementById("number-digits");
let numberTimer = null, numberInFlight = false;
const numberPad = inkPad(numberSheet, 12, () => {}, () => {
  clearTimeout(numberTimer);
  numberTimer = setTimeout(readNumber, 400);
});

function clearBoxes() {
  numberBoxes.getContext("2d").clearRect(0, 0, numberBoxes.width, numberBoxes.height);
}

async function readNumber() {
  numberTimer = null;
  if (!numberPad.inked) return;
  numberInFlight = true;
  try {
    const response = await fetch("api/read", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ image: numberSheet.toDataURL("image/png") }) });
    const answer = await response.json();
    clearBoxes();
    if (!response.ok) { numberAnswer.textContent = answer.error; return; }
    numberAnswer.textContent = answer.digits + "  (" + (100 * answer.confidence).toFixed(1) + "% sure)";
    const c = numberBoxes.getContext("2d");
    c.strokeStyle = "#3559d4";
    c.fillStyle = "#3559d4";
    c.lineWidth = 2;
    c.font = "16px sans-serif";
    for (const d of answer.found) {
      c.strokeRect(d.box.x, d.box.y, d.box.width, d.box.height);
      c.fillText(d.label + " " + Math.round(100 * d.confidence) + "%", d.box.x, Math.max(14, d.box.y - 4));
    }
  } catch (err) {
    numberAnswer.textContent = "The server did not answer: " + err.message;
  } finally {
    numberInFlight = false;
    document.body.dataset.numbersRead = String((Number(document.body.dataset.numbersRead) || 0) + 1);
  }
}

document.getElementById("number-clear").addEventListener("click", () => {
  numberPad.reset();
  clearBoxes();
  numberAnswer.textContent = "write a number";
});

// true when no number written is waiting for an answer
window.inkwellNumberSettled = () => !numberPad.drawing && !numberTimer && !numberInFlight;
