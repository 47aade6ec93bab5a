// Structural checks of a generated Pulumi YAML program: it parses, every resource type token exists in the
// installed @pulumi/aws or @pulumi/aws-native, every ${reference} names a resource, config key or variable, and
// every CloudFormation resource is there.
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require("js-yaml");
const { FOLDED } = require("./graph-check");

let tokens = null;
function knownTokens() {
    if (tokens) return tokens;
    tokens = new Set();
    for (const pkg of ["aws", "aws-native"]) {
        const root = path.join(__dirname, "..", "node_modules", "@pulumi", pkg);
        for (const mod of fs.readdirSync(root)) {
            const dir = path.join(root, mod);
            if (!fs.statSync(dir).isDirectory()) continue;
            for (const f of fs.readdirSync(dir)) {
                if (!f.endsWith(".js")) continue;
                const m = /__pulumiType = '([^']+)'/.exec(fs.readFileSync(path.join(dir, f), "utf8"));
                if (m) tokens.add(m[1]);
            }
        }
    }
    return tokens;
}

function check(file, cfn) {
    const problems = [];
    let doc;
    try {
        doc = yaml.load(fs.readFileSync(file, "utf8"));
    } catch (e) {
        return [`yaml: does not parse: ${e.message.split("\n")[0]}`];
    }
    if (!doc || doc.runtime !== "yaml" || typeof doc.name !== "string") problems.push("yaml: name/runtime missing");
    const resources = doc.resources || {};
    const names = new Set([...Object.keys(resources), ...Object.keys(doc.config || {}), ...Object.keys(doc.variables || {}), "pulumi"]);
    for (const [name, r] of Object.entries(resources)) {
        if (!r || typeof r.type !== "string") { problems.push(`yaml: ${name} has no type`); continue; }
        if (!knownTokens().has(r.type)) problems.push(`yaml: ${name}: type ${r.type} is not in the installed providers`);
    }
    const visit = node => {
        if (typeof node === "string") {
            for (const m of node.matchAll(/(?<!\$)\$\{([^}.[]+)/g)) {
                if (!names.has(m[1])) problems.push(`yaml: unresolved reference \${${m[1]}}`);
            }
        } else if (Array.isArray(node)) node.forEach(visit);
        else if (node && typeof node === "object") Object.values(node).forEach(visit);
    };
    visit(doc.resources);
    visit(doc.outputs);
    visit(doc.variables);
    for (const [id, r] of Object.entries(cfn.Resources || {})) {
        // A resource the classic provider keeps in another one (graph-check FOLDED): its holder has the content.
        const fold = FOLDED[r.Type];
        const holder = fold && fold[0](r.Properties || {});
        if (!resources[id] && holder && resources[holder] && resources[holder].type === fold[1] && fold[2].some(([, input]) => (resources[holder].properties || {})[input] !== undefined)) continue;
        if (!resources[id]) problems.push(`yaml: resource ${id} missing`);
    }
    return [...new Set(problems)];
}

module.exports = { check };
