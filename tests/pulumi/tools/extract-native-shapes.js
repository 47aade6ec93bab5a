// Extracts the input shapes of @pulumi/aws-native resources from the installed .d.ts files, for the CloudFormation
// types listed in a JSON file (argv[2]); writes a compact text table to stdout, which is committed as
// src/SamCompiler/Emit/Pulumi/NativeShapes.txt. Regenerate after bumping @pulumi/aws-native:
//   node tools/extract-native-shapes.js types.json > ../../src/SamCompiler/Emit/Pulumi/NativeShapes.txt
// Format: one line per resource: "AWS::Svc::Type<TAB>token<TAB>shape<TAB>outputs", where outputs lists the
// resource's output property names (name? when the output may be undefined) and shape is
//   s string, e(v|w) string enum, n number, ^k the k-th enclosing object (recursive types), b boolean, a any (free-form JSON, keys kept as in CloudFormation),
//   [x] list of x, {k:x,...} object (k = the Pulumi property name, k! when required), <x> map with string keys of x.
// Property names are the Pulumi ones; the emitter maps CloudFormation names by camel-casing and checks them here.
"use strict";
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const types = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const root = path.join(__dirname, "..", "node_modules", "@pulumi", "aws-native");
const tokens = new Map();
for (const mod of fs.readdirSync(root)) {
    const dir = path.join(root, mod);
    if (!fs.statSync(dir).isDirectory() || mod === "types") continue;
    for (const f of fs.readdirSync(dir)) {
        if (!f.endsWith(".js")) continue;
        const m = /__pulumiType = '([^']+)'/.exec(fs.readFileSync(path.join(dir, f), "utf8"));
        if (m) tokens.set(m[1].toLowerCase(), { token: m[1], mod, cls: m[1].split(":")[2] });
    }
}

// CloudFormation types aws-native expresses with a class of another name: a custom resource is the
// CustomResourceEmulator (it invokes the ServiceToken function the way CloudFormation does).
const ALIASES = { "AWS::CloudFormation::CustomResource": "aws-native:cloudformation:CustomResourceEmulator" };
const wanted = [];
for (const t of types) {
    const parts = t.split("::");
    if (parts.length !== 3 || parts[0] !== "AWS") continue;
    const hit = tokens.get((ALIASES[t] || `aws-native:${parts[1]}:${parts[2]}`).toLowerCase());
    if (hit) wanted.push({ cfn: t, ...hit });
}

// Classic (@pulumi/aws) classes the emitter maps by hand, "module.Class" per line in argv[3].
const classicRoot = path.join(__dirname, "..", "node_modules", "@pulumi", "aws");
const classic = (process.argv[3] ? fs.readFileSync(process.argv[3], "utf8").split("\n").filter(l => l.trim()) : []).map(l => {
    const [mod, cls] = l.trim().split(".");
    const js = fs.readFileSync(path.join(classicRoot, mod, cls[0].toLowerCase() + cls.slice(1) + ".js"), "utf8");
    return { cfn: "classic", token: /__pulumiType = '([^']+)'/.exec(js)[1], mod, cls, pkg: "c" };
});
wanted.push(...classic);

const file = path.join(__dirname, "..", "out", "shapes-probe.ts");
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `import * as n from "@pulumi/aws-native";\nimport * as c from "@pulumi/aws";\n` +
    wanted.map((w, i) => `export type T${i} = ${w.pkg || "n"}.${w.mod}.${w.cls}Args;\nexport type O${i} = ${w.pkg || "n"}.${w.mod}.${w.cls};`).join("\n") + "\n");
const program = ts.createProgram([file], { strict: true, skipLibCheck: true, types: [], baseUrl: path.join(__dirname, "..") });
const checker = program.getTypeChecker();
const source = program.getSourceFile(file);

function unwrapInput(type) {
    // Input<T> = T | Promise<T> | OutputInstance<T>; drop undefined and the wrappers.
    if (type.isUnion()) {
        const kept = type.types.filter(t => !(t.flags & ts.TypeFlags.Undefined) && !(t.flags & ts.TypeFlags.Null) && !isWrapper(t));
        if (kept.length === 1) return unwrapInput(kept[0]);
        if (kept.length > 1) {
            if (kept.every(t => t.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.EnumLike))) return { enumOf: kept };
            if (kept.every(t => t.flags & ts.TypeFlags.BooleanLike)) return kept[0];
            return kept[0];
        }
    }
    return type;
}

function isWrapper(t) {
    const s = t.getSymbol() || t.aliasSymbol;
    const n = s ? s.getName() : "";
    return n === "Promise" || n === "OutputInstance" || n === "Output";
}

function shape(type, depth, path = []) {
    type = unwrapInput(type);
    if (type.enumOf) {
        // A string enum: e(value|value|...) when every member is a literal, else a plain string.
        const values = type.enumOf.map(t => t.isStringLiteral() ? t.value : null);
        return values.every(v => v !== null && !/[|()]/.test(v)) ? "e(" + values.join("|") + ")" : "s";
    }
    if (depth > 16) return "a";
    const f = type.flags;
    if (f & ts.TypeFlags.Any || f & ts.TypeFlags.Unknown) return "a";
    if (f & (ts.TypeFlags.StringLike | ts.TypeFlags.EnumLike)) return "s";
    if (f & ts.TypeFlags.NumberLike) return "n";
    if (f & ts.TypeFlags.BooleanLike) return "b";
    if (checker.isArrayType(type)) return "[" + shape(checker.getTypeArguments(type)[0], depth + 1, path) + "]";
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    const props = checker.getPropertiesOfType(type);
    if (index && props.length === 0) return "<" + shape(index.type, depth + 1, path) + ">";
    if (props.length === 0) return "a";
    // A recursive type (WAF statements nest statements): ^k refers back to the k-th enclosing object from the root.
    if (path.includes(type.id)) return "^" + path.indexOf(type.id);
    const inner = [...path, type.id];
    return "{" + props.map(p => p.getName() + ((p.flags & ts.SymbolFlags.Optional) ? "" : "!") + ":" + shape(checker.getTypeOfSymbolAtLocation(p, source), depth + 1, inner)).join(",") + "}";
}

const lines = [];
wanted.forEach((w, i) => {
    const alias = source.statements[2 * i + 2];
    const type = checker.getTypeAtLocation(alias.name);
    const cls = checker.getTypeAtLocation(source.statements[2 * i + 3].name);
    // An output that may be undefined (Output<T | undefined>) is marked with a trailing "?".
    const outputs = checker.getPropertiesOfType(cls).filter(p => !p.getName().startsWith("__") && p.getName() !== "urn")
        .map(p => p.getName() + (p.valueDeclaration && p.valueDeclaration.type && /\| undefined>/.test(p.valueDeclaration.type.getText()) ? "?" : ""));
    lines.push(`${w.cfn}\t${w.token}\t${shape(type, 0)}\t${outputs.join(",")}`);
});
process.stdout.write(lines.join("\n") + "\n");
