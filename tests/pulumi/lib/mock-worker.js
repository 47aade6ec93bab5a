// Runs generated programs (already transpiled to index.js) one after another in this process under Pulumi's
// unit-test mocks and prints, per case, one JSON line: the registered resources (type, name, resolved inputs).
"use strict";
const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const { parameterValues, attributeNames, camel } = require("./graph-check");

const Project = "samc-test";

async function run(listFile) {
    const list = JSON.parse(fs.readFileSync(listFile, "utf8"));
    let records = [];
    let outputNames = [];
    let stackOutputs = [];
    let nested = {};
    let attrs = [];
    let errors = [];
    process.on("unhandledRejection", e => errors.push(String(e && e.message || e)));
    process.on("uncaughtException", e => errors.push(String(e && e.message || e)));
    await pulumi.runtime.setMocks({
        newResource(args) {
            // Outputs a reference can read: the inputs, plus a value naming the resource for every other output
            // the template reads (arn, name, id, url, ...), so a wired reference shows which resource it came from.
            const state = { ...args.inputs };
            for (const name of outputNames) {
                if (state[name] === undefined) state[name] = `arn:aws:mock:us-east-1:123456789012:mock/${args.name}/${name}:1`;
            }
            // Fn::GetAtt X.Head.Member reads a member of an object output: give X's "head" output that member.
            for (const [head, members] of Object.entries(nested[args.name] || {})) {
                if (typeof args.inputs[head] === "object") continue;
                state[head] = Object.fromEntries(members.map(m => [m, `arn:aws:mock:us-east-1:123456789012:mock/${args.name}/${m}:1`]));
            }
            if (args.type === "aws-native:cloudformation:CustomResourceEmulator") {
                // What the function returns: a physical id and Data with every attribute the template reads.
                state.physicalResourceId = `arn:aws:mock:us-east-1:123456789012:mock/${args.name}/physicalResourceId:1`;
                state.data = Object.fromEntries(attrs.filter(([id]) => id === args.name).map(([, a]) => [a, `arn:aws:mock:us-east-1:123456789012:mock/${args.name}/${a.replace(/[^A-Za-z0-9]/g, "")}:1`]));
            }
            if (args.type === "aws-native:cloudformation:Stack") {
                // A nested stack's outputs: one { outputKey, outputValue } per output the template reads.
                state.outputs = stackOutputs.map(k => ({ outputKey: k, outputValue: `arn:aws:mock:us-east-1:123456789012:mock/${args.name}/${k}:1` }));
            }
            records.push({ type: args.type, name: args.name, inputs: args.inputs });
            return { id: `arn:aws:mock:us-east-1:123456789012:mock/${args.name}/id:1`, state };
        },
        call(args) {
            switch (args.token) {
                case "aws:index/getRegion:getRegion": return { region: "us-east-1", name: "us-east-1", id: "us-east-1" };
                case "aws:index/getCallerIdentity:getCallerIdentity": return { accountId: "123456789012", arn: "arn:aws:iam::123456789012:root", userId: "mock", id: "123456789012" };
                case "aws:index/getPartition:getPartition": return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
                case "aws:index/getAvailabilityZones:getAvailabilityZones": return { names: ["us-east-1a", "us-east-1b", "us-east-1c"], zoneIds: [], id: "us-east-1" };
                case "aws:ssm/getParameter:getParameter": return { value: `mock-ssm:${args.inputs.name}`, name: args.inputs.name, id: args.inputs.name };
                case "aws:cloudformation/getExport:getExport": return { value: `mock-export:${args.inputs.name}`, name: args.inputs.name, id: args.inputs.name };
                default: return {};
            }
        },
    }, Project, "test", false, "organization");

    for (const c of list) {
        const doc = JSON.parse(fs.readFileSync(c.input, "utf8"));
        const config = parameterValues(doc);
        for (const [k, v] of Object.entries(config)) {
            pulumi.runtime.setConfig(`${Project}:${k}`, Array.isArray(v) ? v.join(",") : String(v));
        }
        outputNames = attributeNames(doc).filter(n => n !== "outputs");
        stackOutputs = [];
        nested = {};
        const flat = new Set();
        attrs = [];
        JSON.stringify(doc, (k, v) => {
            const a = v && v["Fn::GetAtt"];
            const id = Array.isArray(a) ? a[0] : typeof a === "string" ? a.split(".")[0] : null;
            const attr = Array.isArray(a) ? a[1] : typeof a === "string" ? a.split(".").slice(1).join(".") : null;
            if (typeof attr === "string" && attr.startsWith("Outputs.")) stackOutputs.push(attr.slice(8));
            if (typeof attr === "string") attrs.push([id, attr]);
            // ${X.Head.Member} in Fn::Sub reads the same attributes.
            const sub = v && v["Fn::Sub"];
            const text = Array.isArray(sub) ? sub[0] : sub;
            if (typeof text === "string") for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}/g)) attrs.push([m[1], m[2]]);
            return v;
        });
        for (const [id, attr] of attrs) if (!attr.includes(".")) flat.add(`${id}.${camel(attr)}`);
        for (const [id, attr] of attrs) {
            const parts = attr.split(".");
            if (parts.length !== 2 || parts[0] === "Outputs" || flat.has(`${id}.${camel(parts[0])}`)) continue;
            const head = ((nested[id] = nested[id] || {})[camel(parts[0])] = nested[id][camel(parts[0])] || []);
            if (!head.includes(camel(parts[1]))) head.push(camel(parts[1]));
        }
        records = [];
        errors = [];
        try {
            // A program may export an async function (Pulumi runs it and exports what it returns).
            const main = require(path.join(c.dir, "index.js"));
            if (typeof main === "function") await main();
            // Mocks answer at once; wait until no new registrations arrive for a few turns.
            let last = -1;
            let quiet = 0;
            while (quiet < 3) {
                await new Promise(r => setTimeout(r, 20));
                if (records.length === last) quiet++; else { quiet = 0; last = records.length; }
            }
        } catch (e) {
            errors.push(String(e && e.message || e));
        }
        const line = errors.length ? { id: c.id, error: errors[0].split("\n")[0] } : { id: c.id, resources: records, config };
        process.stdout.write(JSON.stringify(line) + "\n");
    }
}

module.exports = { run };
