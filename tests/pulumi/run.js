#!/usr/bin/env node
// Checks the Pulumi programs samc emits, for every in-scope corpus case (and every bundled example):
//   1. samc compile <case> --target pulumi-typescript and --target pulumi-yaml;
//   2. one `tsc --noEmit` over all TypeScript programs (must be clean);
//   3. each program runs under Pulumi's unit-test mocks (plain node, no CLI) and the registered resource graph is
//      compared with the CloudFormation: same resources (by type mapping), key properties equal, references wired;
//   4. YAML: structure, every type token exists in the installed providers, every ${reference} resolves.
// Usage: node run.js [--filter REGEX] [--keep] [--min-pass PERCENT]
// samc runs in-process through tests/pulumi/batch (build it first:
//   dotnet build tests/pulumi/batch/SamcBatch.csproj -o tests/pulumi/batch/bin/out); env SAMC_CONFORMANCE = corpus.
"use strict";
const fs = require("fs");
const path = require("path");
const cp = require("child_process");
const os = require("os");

const here = __dirname;
const repo = path.resolve(here, "..", "..");
const batch = process.env.SAMC_BATCH || path.join(here, "batch/bin/out/SamcBatch");
const corpus = process.env.SAMC_CONFORMANCE || "/work/shared/conformance";
const out = path.join(here, "out");
const args = process.argv.slice(2);
const filter = args.includes("--filter") ? new RegExp(args[args.indexOf("--filter") + 1]) : null;
const jobs = Math.max(1, Math.min(2, os.cpus().length));

if (args[0] === "--worker") {
    require("./lib/mock-worker").run(args[1]).catch(e => { console.error(e); process.exit(3); });
    return;
}

const check = require("./lib/graph-check");
const yamlCheck = require("./lib/yaml-check");

function cases() {
    const list = [];
    for (const group of ["sam-translator", "real-world"]) {
        const dir = path.join(corpus, group, "cases");
        if (!fs.existsSync(dir)) continue;
        for (const name of fs.readdirSync(dir).sort()) {
            const file = path.join(dir, name, "expected.json");
            if (!fs.existsSync(file)) continue;
            const doc = JSON.parse(fs.readFileSync(file, "utf8"));
            if (doc.errors) continue;
            list.push({ id: `${group === "real-world" ? "rw" : "st"}-${name}`, input: file, doc });
        }
    }
    const examples = process.env.SAMC_EXAMPLES || path.join(repo, "examples");
    if (fs.existsSync(examples)) {
        fs.mkdirSync(path.join(out, "examples"), { recursive: true });
        for (const name of fs.readdirSync(examples).sort()) {
            const t = ["template.yaml", "template.yml", "template.json"].map(t => path.join(examples, name, t)).find(f => fs.existsSync(f));
            if (t) list.push({ id: `ex-${name}`, input: t, cfn: path.join(out, "examples", `${name}.json`) });
        }
    }
    return filter ? list.filter(c => filter.test(c.id)) : list;
}

async function pool(items, n, fn) {
    let next = 0;
    const workers = Array.from({ length: n }, async () => {
        while (next < items.length) {
            const item = items[next++];
            await fn(item);
        }
    });
    await Promise.all(workers);
}

function run(cmd, argv, options) {
    return new Promise(resolve => {
        cp.execFile(cmd, argv, { maxBuffer: 64 << 20, ...options }, (error, stdout, stderr) => {
            resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
        });
    });
}

async function main() {
    const started = Date.now();
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(path.join(out, "ts"), { recursive: true });
    fs.mkdirSync(path.join(out, "yaml"), { recursive: true });
    const all = cases();
    if (!fs.existsSync(batch)) throw new Error(`${batch} is missing: dotnet build tests/pulumi/batch/SamcBatch.csproj -o tests/pulumi/batch/bin/out`);
    const results = new Map(all.map(c => [c.id, { id: c.id, ts: "not-emitted", yaml: "not-emitted", notes: [] }]));

    // 1. Emit (and compile the examples to CloudFormation, which is what their programs are compared with).
    const lines = [];
    for (const c of all) {
        if (c.cfn) {
            // Examples keep local CodeUri folders: the batch tool's *-local commands rewrite them as
            // `samc compile --target pulumi-*` does (LocalArtifacts) before translating.
            lines.push(["cfn-local", c.input, c.cfn]);
            lines.push(["pulumi-local", c.input, "pulumi-typescript", path.join(out, "ts", c.id)]);
            lines.push(["pulumi-local", c.input, "pulumi-yaml", path.join(out, "yaml", c.id)]);
            continue;
        }
        lines.push(["compile", c.input, "--target", "pulumi-typescript", "-o", path.join(out, "ts", c.id)]);
        lines.push(["compile", c.input, "--target", "pulumi-yaml", "-o", path.join(out, "yaml", c.id)]);
    }
    const answers = cp.execFileSync(batch, [], { input: lines.map(l => l.join("\t")).join("\n") + "\n", encoding: "utf8", maxBuffer: 256 << 20 }).split("\n");
    let at = 0;
    for (const c of all) {
        const r = results.get(c.id);
        if (c.cfn) {
            const [code] = answers[at++].split("\t");
            if (code !== "0") { r.notes.push("example does not compile"); at += 2; continue; }
            c.doc = JSON.parse(fs.readFileSync(c.cfn, "utf8"));
            c.input = c.cfn;
        }
        for (const key of ["ts", "yaml"]) {
            const [code, stderr] = answers[at++].split("\t");
            if (code === "0") r[key] = "emitted"; else r.notes.push(`${key}-emit: ${firstIds(stderr || "")}`);
        }
    }
    const emitted = all.filter(c => results.get(c.id).ts === "emitted");

    // 2. One tsc over every program.
    const tsconfig = {
        compilerOptions: { strict: true, noEmit: true, target: "es2020", module: "commonjs", moduleResolution: "node", skipLibCheck: true, types: ["node"], typeRoots: [path.join(here, "node_modules/@types")] },
        files: emitted.map(c => path.join(out, "ts", c.id, "index.ts")),
    };
    // Each program is a module, so their top-level names do not clash.
    fs.writeFileSync(path.join(out, "ts", "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    const tsc = await run(process.execPath, [path.join(here, "node_modules/typescript/bin/tsc"), "-p", path.join(out, "ts", "tsconfig.json")], { cwd: here });
    const tscErrors = new Map();
    for (const line of tsc.stdout.split("\n")) {
        const m = /out\/ts\/([^/]+)\/index\.ts\(\d+,\d+\): error/.exec(line);
        if (m) {
            if (!tscErrors.has(m[1])) tscErrors.set(m[1], []);
            tscErrors.get(m[1]).push(line.slice(line.indexOf("out/ts/")));
        }
    }
    if (tsc.code !== 0 && tscErrors.size === 0) {
        console.error(tsc.stdout + tsc.stderr);
        throw new Error("tsc failed outside the generated programs");
    }
    const ts = require("typescript");
    const typed = [];
    for (const c of emitted) {
        const r = results.get(c.id);
        if (tscErrors.has(c.id)) {
            r.ts = "tsc-error";
            r.notes.push(...tscErrors.get(c.id).slice(0, 3));
            continue;
        }
        r.ts = "typed";
        const dir = path.join(out, "ts", c.id);
        const js = ts.transpileModule(fs.readFileSync(path.join(dir, "index.ts"), "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
        fs.writeFileSync(path.join(dir, "index.js"), js.outputText);
        typed.push(c);
    }

    // 3. Mock runs, split over worker processes.
    const chunks = Array.from({ length: jobs }, () => []);
    typed.forEach((c, i) => chunks[i % jobs].push({ id: c.id, dir: path.join(out, "ts", c.id), input: c.input }));
    await Promise.all(chunks.map(async (chunk, i) => {
        if (chunk.length === 0) return;
        const list = path.join(out, `mock-${i}.json`);
        fs.writeFileSync(list, JSON.stringify(chunk));
        const w = await run(process.execPath, [__filename, "--worker", list], { cwd: here });
        for (const line of w.stdout.split("\n")) {
            if (!line.startsWith("{")) continue;
            const rec = JSON.parse(line);
            const c = all.find(x => x.id === rec.id);
            const r = results.get(rec.id);
            if (rec.error) {
                r.ts = "mock-error";
                r.notes.push("mock: " + rec.error);
                continue;
            }
            const problems = check.compare(c.doc, rec.resources, rec.config);
            if (problems.length === 0) r.ts = "pass"; else { r.ts = "graph-mismatch"; r.notes.push(...problems.slice(0, 4)); }
        }
        if (w.code !== 0) console.error(w.stderr);
    }));

    // 4. YAML checks.
    for (const c of all) {
        const r = results.get(c.id);
        if (r.yaml !== "emitted") continue;
        const problems = yamlCheck.check(path.join(out, "yaml", c.id, "Pulumi.yaml"), c.doc);
        if (problems.length === 0) r.yaml = "pass"; else { r.yaml = "yaml-error"; r.notes.push(...problems.slice(0, 3)); }
    }

    // Report.
    const count = (key, value) => [...results.values()].filter(r => r[key] === value).length;
    for (const r of results.values()) {
        console.log(`${r.ts.padEnd(14)} ${r.yaml.padEnd(12)} ${r.id}${r.notes.length ? "\n    " + r.notes.join("\n    ") : ""}`);
    }
    const n = all.length;
    console.log(`\ncases: ${n}`);
    console.log(`typescript: emitted ${emitted.length}, type-check clean ${typed.length}, mock graph match ${count("ts", "pass")} (${(100 * count("ts", "pass") / Math.max(1, n)).toFixed(1)}% of all, ${(100 * count("ts", "pass") / Math.max(1, emitted.length)).toFixed(1)}% of emitted)`);
    console.log(`yaml: emitted ${n - count("yaml", "not-emitted")}, checks pass ${count("yaml", "pass")}`);
    console.log(`time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (!args.includes("--keep")) fs.rmSync(path.join(out), { recursive: true, force: true });
    // Every emitted TypeScript program must type-check and run, and every emitted YAML program must pass its checks;
    // the mock graph must match in --min-pass percent (default 95) of the programs samc emits. Cases samc refuses
    // with a SAM5xxx diagnostic are listed above with the diagnostic.
    const minPass = args.includes("--min-pass") ? Number(args[args.indexOf("--min-pass") + 1]) : 95;
    const broken = [...results.values()].filter(r => ["tsc-error", "mock-error"].includes(r.ts) || r.yaml === "yaml-error");
    const rate = 100 * count("ts", "pass") / Math.max(1, emitted.length);
    if (broken.length > 0) console.log(`FAIL: ${broken.length} programs do not type-check, run or pass the YAML checks`);
    if (rate < minPass) console.log(`FAIL: mock graph match ${rate.toFixed(1)}% of emitted programs < ${minPass}%`);
    process.exit(broken.length > 0 || rate < minPass ? 1 : 0);
}

function firstIds(stderr) {
    const ids = [...new Set((stderr.match(/SAM\d{4}: [^|]{0,160}/g) || []).filter(s => !s.startsWith("SAM5006")))];
    return ids.slice(0, 2).join(" | ") || stderr.trim().split("\n")[0];
}

main().catch(e => { console.error(e); process.exit(3); });
