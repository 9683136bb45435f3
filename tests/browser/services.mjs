// Starts the real services on loopback for the browser test, each on a port
// it picks itself (listen on port 0, the bound port written to
// --port_file), with fresh data, loads the sample report and the UN
// corpus through the command line, and stops every process by its pid.

import {spawn, execFile} from 'node:child_process';
import {existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Services {
  constructor(binDir, options = {}) {
    this.binDir = binDir;
    this.dir = mkdtempSync(join(options.tmp || tmpdir(), 'rapporteur-browser-'));
    this.keep = Boolean(options.keep);
    this.processes = [];  // {label, child, log}
    this.addresses = {};
  }

  // Spawns bin/rapporteur-NAME with `flags` and --port_file, and waits
  // for the port it bound (or for it to die, with its log in the error).
  async start(label, binary, flags) {
    const portFile = join(this.dir, `${label}.port`);
    const log = join(this.dir, `${label}.log`);
    const out = openSync(log, 'a');
    const child = spawn(join(this.binDir, binary), [...flags, `--port_file=${portFile}`],
      {stdio: ['ignore', out, out]});
    const entry = {label, child, log, exited: null};
    child.on('exit', (code, signal) => { entry.exited = {code, signal}; });
    this.processes.push(entry);
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
      if (entry.exited) {
        throw new Error(`${binary} exited (${JSON.stringify(entry.exited)}):\n` +
          readFileSync(log, 'utf8').slice(-4000));
      }
      if (existsSync(portFile)) {
        const text = readFileSync(portFile, 'utf8').trim();
        if (/^\d+$/.test(text) && Number(text) > 0) {
          this.addresses[label] = `127.0.0.1:${text}`;
          return this.addresses[label];
        }
      }
      await sleep(50);
    }
    throw new Error(
      `${binary} wrote no port within 60 s:\n${readFileSync(log, 'utf8').slice(-4000)}`);
  }

  // Storage, ingest and query; then the gateway when `gateway` is true.
  async startBackends() {
    const storage = await this.start('storage', 'rapporteur-storage',
      ['--listen=127.0.0.1:0', `--data=${join(this.dir, 'shard-0')}`]);
    await this.start('ingest', 'rapporteur-ingest',
      ['--listen=127.0.0.1:0', `--storage=${storage}`]);
    await this.start('query', 'rapporteur-query',
      ['--listen=127.0.0.1:0', `--storage=${storage}`]);
  }

  async startGateway() {
    const address = await this.start('gateway', 'rapporteur-gateway', [
      '--listen=127.0.0.1:0', `--ingest=${this.addresses.ingest}`,
      `--query=${this.addresses.query}`]);
    this.addresses.gateway = address;
    return `http://${address}/`;
  }

  async cli(...args) {
    const {stdout} = await run(join(this.binDir, 'rapporteur'),
      [`--ingest=${this.addresses.ingest}`, `--query=${this.addresses.query}`, ...args],
      {maxBuffer: 64 << 20});
    return stdout;
  }

  // The sample report with its metadata (as scripts/demo gives them), and
  // the UN corpus's reading-order texts in one bulk ingest.
  async loadCorpus(corpusDir) {
    await this.cli('ingest', join(corpusDir, 'A_HRC_7_20.txt'), '--symbol=A/HRC/7/20',
      '--title=Report of the Special Rapporteur on the situation of human rights in ' +
      'the Democratic People\'s Republic of Korea',
      '--date=2008-02-15', '--country=PRK');
    const un = join(corpusDir, 'un');
    const texts = readdirSync(un)
      .filter((name) => name.endsWith('.txt') && !name.endsWith('.layout.txt'))
      .sort().map((name) => join(un, name));
    await this.cli('ingest', ...texts);
    return texts.length + 1;
  }

  // SIGTERM to each process by its pid, clients before storage; SIGKILL
  // after 10 s. The data directory goes unless asked to keep it.
  async stop() {
    for (const entry of [...this.processes].reverse()) {
      if (entry.exited) continue;
      entry.child.kill('SIGTERM');
      const deadline = Date.now() + 10000;
      while (!entry.exited && Date.now() < deadline) await sleep(50);
      if (!entry.exited) entry.child.kill('SIGKILL');
    }
    this.processes = [];
    if (!this.keep) rmSync(this.dir, {recursive: true, force: true});
  }

  logs() {
    return this.processes.map((entry) =>
      `== ${entry.label} (${entry.log})\n${readFileSync(entry.log, 'utf8').slice(-3000)}`)
      .join('\n');
  }
}
