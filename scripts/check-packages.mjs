#!/usr/bin/env node
// Publishability check: packs every public workspace package as npm would publish it, installs the
// tarballs into an empty project outside the repository, and there imports each entry point from ESM,
// from CommonJS (require of an ES module, Node >= 20.19) and from TypeScript (module nodenext), and runs
// the installed `biomarker` command. Needs `npm run build` first (the tarballs carry dist/).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const packages = ["packages", "apps"]
  .flatMap((top) => readdirSync(join(root, top)).map((name) => join(root, top, name)))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
  .filter(({ manifest }) => !manifest.private)
  .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));

// A TypeScript consumer of Node packages has Node's declarations; use the version the repository builds with.
const nodeTypes = JSON.parse(readFileSync(join(root, "node_modules/@types/node/package.json"), "utf8")).version;
const work = mkdtempSync(join(tmpdir(), "biomarker-pack-"));
const failures = [];
try {
  const tarballs = {};
  for (const { dir, manifest } of packages) {
    const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], dir));
    const files = new Set(packed.files.map((f) => f.path));
    for (const required of ["LICENSE", "README.md", "package.json", "dist/index.js", "dist/index.d.ts"]) {
      if (!files.has(required)) failures.push(`${manifest.name}: the tarball lacks ${required}`);
    }
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      if (name.startsWith("@biomarker/") && /^\d/.test(range)) failures.push(`${manifest.name}: ${name} is pinned to ${range}; use a range`);
    }
    tarballs[manifest.name] = `file:${join(work, packed.filename)}`;
  }

  const project = join(work, "project");
  run("mkdir", ["-p", project]);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { ...tarballs, "@types/node": nodeTypes } }, null, 2));
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], project);

  const names = Object.keys(tarballs);
  const esm = names.map((n, i) => `import * as m${i} from "${n}"; if (Object.keys(m${i}).length === 0) throw new Error("${n}: no exports");`).join("\n");
  writeFileSync(join(project, "esm.mjs"), `${esm}\nconsole.log("esm ok");\n`);
  const cjs = names.map((n) => `if (Object.keys(require("${n}")).length === 0) throw new Error("${n}: no exports");`).join("\n");
  writeFileSync(join(project, "cjs.cjs"), `${cjs}\nconsole.log("cjs ok");\n`);
  const ts = names.map((n, i) => `import * as m${i} from "${n}";\nexport const k${i}: number = Object.keys(m${i}).length;`).join("\n");
  writeFileSync(join(project, "consumer.ts"), `${ts}\n`);
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, noEmit: true, skipLibCheck: false, types: ["node"] }, files: ["consumer.ts"] }),
  );

  const checks = [
    ["ESM import", process.execPath, ["esm.mjs"]],
    ["CommonJS require", process.execPath, ["--no-warnings", "cjs.cjs"]],
    ["TypeScript nodenext", process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "."]],
    ["installed biomarker command", process.execPath, ["node_modules/.bin/biomarker", "--version"]],
  ];
  for (const [label, command, args] of checks) {
    try {
      run(command, args, project);
      console.log(`ok   ${label} (${names.length} packages)`);
    } catch (error) {
      failures.push(`${label}: ${(error.stdout ?? "") + (error.stderr ?? error.message)}`.trim());
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`check-packages: ${failures.length} problem(s)\n${failures.map((f) => `- ${f}`).join("\n")}`);
  process.exit(1);
}
console.log("check-packages: every package packs, installs and imports from ESM, CommonJS and TypeScript");
