"use strict";
const pad = document.getElementById("pad");
const ctx = pad.getContext("2d");
const bars = document.getElementById("bars");
const statusLine = document.getElementById("status");
let drawing = false, dirty = false, inFlight = false, last = null, timer = null, hasInk = false;

function resetPad() {
  ctx.fillStyle = "#fbfaf7";
  ctx.fillRect(0, 0, pad.width, pad.height);
  ctx.strokeStyle = "#111827";
  ctx.lineWidth = 18;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  hasInk = false;
}

function buildBars(labels) {
  bars.innerHTML = "";
  labels.forEach(label => {
    const li = document.createElement("li");
    li.innerHTML = '<span></span><div class="bar"><span></span></div><span class="pct">0%</span>';
    li.firstChild.textContent = label;
    bars.appendChild(li);
  });
}

function point(event) {
  const r = pad.getBoundingClientRect();
  return { x: (event.clientX - r.left) * pad.width / r.width, y: (event.clientY - r.top) * pad.height / r.height };
}

pad.addEventListener("pointerdown", e => {
  pad.setPointerCapture(e.pointerId);
  drawing = true;
  last = point(e);
  ctx.beginPath();
  ctx.arc(last.x, last.y, ctx.lineWidth / 2, 0, 2 * Math.PI);
  ctx.fillStyle = ctx.strokeStyle;
  ctx.fill();
  hasInk = dirty = true;
  e.preventDefault();
});
pad.addEventListener("pointermove", e => {
  if (!drawing) return;
  const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
  for (const ev of events.length ? events : [e]) {
    const p = point(ev);
    ctx.beginPath();
    ctx.moveTo(last.x, last.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    last = p;
  }
  dirty = true;
  if (!timer) timer = setTimeout(() => { timer = null; predictCanvas(); }, 200);
});
for (const type of ["pointerup", "pointercancel"]) {
  pad.addEventListener(type, () => { if (drawing) { drawing = false; predictCanvas(); } });
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
  if (!dirty || !hasInk) return;
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
window.inkwellSettled = () => !drawing && !dirty && !inFlight && !timer;

resetPad();
buildBars(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
fetch("api/model").then(r => r.json()).then(m => {
  buildBars(m.classes);
  const accuracy = m.info.test_accuracy ? ", " + (100 * Number(m.info.test_accuracy)).toFixed(2) + "% on the MNIST test set" : "";
  document.getElementById("model").textContent = "Model: " + m.name + " (" + m.architecture + accuracy + "). Inkwell, a pure-Java CNN.";
}).catch(() => {});
