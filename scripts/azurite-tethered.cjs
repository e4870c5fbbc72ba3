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
  process.on("exit", () => {
    try {
      if (fs.readFileSync(pidFile, "utf8") === String(process.pid)) fs.unlinkSync(pidFile);
    } catch (_) { /* already gone */ }
  });
}

// Parent gone: the same graceful shutdown as SIGTERM (Azurite's own handler closes the servers and saves).
let stopping = false;
function stop(reason) {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`azurite-tethered: ${reason}; shutting down\n`);
  process.kill(process.pid, "SIGTERM");
  setTimeout(() => process.exit(0), 15000).unref();   // never outlive the parent by more than this
}
process.stdin.on("end", () => stop("parent closed stdin"));
process.stdin.on("error", () => stop("stdin error"));
process.stdin.resume();

require(path.join(root, "node_modules", "azurite", "dist", "src", "azurite.js"));
