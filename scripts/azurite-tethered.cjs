#!/usr/bin/env node
// Runs the pinned Azurite (node_modules/azurite) in this process, tethered to the process that started it:
//
// - When our stdin reaches end-of-file, the parent is gone (whatever killed it, even SIGKILL: the kernel closes its
//   end of the pipe), so we shut Azurite down the way it shuts down on SIGTERM, which saves its metadata to disk.
//   A parent-death signal would kill us outright and lose what has not been saved yet; this does not.
// - Azurite keeps its metadata (every table row, queue message and blob listing) in LokiJS databases it saves every
//   5 s; a power cut loses up to 5 s of accepted writes. TESSERA_AZURITE_AUTOSAVE_MS (default 250) shortens that
//   interval. LokiJS saves only when something changed, so an idle emulator writes nothing.
// - With --location, our pid goes to <location>/azurite.pid while we run, so a restarted host can find a leftover
//   emulator on its folder and stop it gracefully before starting its own (never two on one folder).
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const autosaveMs = Number.parseInt(process.env.TESSERA_AZURITE_AUTOSAVE_MS || "250", 10);

// Shorten LokiJS's autosave interval before Azurite loads it.
const lokiPath = require.resolve("lokijs", { paths: [path.join(root, "node_modules", "azurite")] });
const Loki = require(lokiPath);
class TetheredLoki extends Loki {
  constructor(filename, options) {
    if (options && options.autosave && Number.isFinite(autosaveMs) && autosaveMs > 0) {
      options = Object.assign({}, options, { autosaveInterval: autosaveMs });
    }
    super(filename, options);
  }
}
Object.assign(TetheredLoki, Loki);
require.cache[lokiPath].exports = TetheredLoki;

// The pid file of a persistent emulator.
const locationIndex = process.argv.indexOf("--location");
const pidFile = locationIndex > 0 ? path.join(process.argv[locationIndex + 1], "azurite.pid") : null;
if (pidFile) {
  fs.mkdirSync(path.dirname(pidFile), { recursive: true });
  fs.writeFileSync(pidFile, String(process.pid));
  // Removed only after a clean stop (Azurite saved everything): a pid file found at the next start tells that the
  // emulator died without saving, and the host then checks its unfinished runs (AzuriteLauncher.PreviousStopWasUnclean).
  process.on("exit", (code) => {
    if (code !== 0) return;
    try {
      if (fs.readFileSync(pidFile, "utf8") === String(process.pid)) fs.unlinkSync(pidFile);
    } catch (_) { /* already gone */ }
  });
}

// Once the parent is gone so are the readers of our stdout and stderr: a write would fail with EPIPE and kill us
// before Azurite saves. So write errors are ignored, and after the parent's death nothing is written to them.
let parentGone = false;
process.stdout.on("error", () => {});
process.stderr.on("error", () => {});

// A short log of this emulator's life beside its data (why it stopped, whether it stopped cleanly).
function note(text) {
  const line = `${new Date().toISOString()} pid ${process.pid}: ${text}\n`;
  if (!parentGone) process.stderr.write("azurite-tethered: " + line);
  if (pidFile) {
    try { fs.appendFileSync(path.join(path.dirname(pidFile), "azurite-tethered.log"), line); } catch (_) { /* best effort */ }
  }
}
note("started");
process.on("exit", (code) => note(`exited with code ${code}`));

// Parent gone: the same graceful shutdown as SIGTERM (Azurite's own handler closes the servers and saves).
let stopping = false;
function stop(reason) {
  if (stopping) return;
  stopping = true;
  parentGone = true;
  console.log = console.info = console.warn = console.error = () => {};
  note(`${reason}; shutting down`);
  process.kill(process.pid, "SIGTERM");
  setTimeout(() => process.exit(0), 15000).unref();   // never outlive the parent by more than this
}
process.stdin.on("end", () => stop("parent closed stdin"));
process.stdin.on("error", () => stop("stdin error"));
process.stdin.resume();

require(path.join(root, "node_modules", "azurite", "dist", "src", "azurite.js"));
