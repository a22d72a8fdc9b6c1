// Copies the parts of GOV.UK Frontend the portal serves into ../static/vendor/.
// Only brand-neutral assets: the GOV.UK fonts, crest and crown images are left out.
const fs = require("fs");
const path = require("path");

const source = path.join(__dirname, "node_modules", "govuk-frontend", "dist", "govuk");
const target = path.join(__dirname, "..", "static", "vendor", "govuk-frontend");

fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
fs.copyFileSync(
  path.join(source, "govuk-frontend.min.js"),
  path.join(target, "govuk-frontend.min.js"),
);
fs.copyFileSync(
  path.join(__dirname, "node_modules", "govuk-frontend", "package.json"),
  path.join(target, "package.json"),
);

// GOV.UK accessible-autocomplete, for the find-by-name inputs of long choice lists
// (static/js/portal.js loads it only on pages that have one).
const autocompleteSource = path.join(__dirname, "node_modules", "accessible-autocomplete");
const autocompleteTarget = path.join(__dirname, "..", "static", "vendor", "accessible-autocomplete");
fs.rmSync(autocompleteTarget, { recursive: true, force: true });
fs.mkdirSync(autocompleteTarget, { recursive: true });
// Without their source-map comments: the maps are not served, and Django's manifest storage
// (collectstatic) fails on a comment naming a file it cannot find.
for (const name of ["accessible-autocomplete.min.js", "accessible-autocomplete.min.css"]) {
  const text = fs.readFileSync(path.join(autocompleteSource, "dist", name), "utf8");
  const withoutMap = text.replace(/^\/[/*]# sourceMappingURL=.*$/gm, "").trimEnd() + "\n";
  fs.writeFileSync(path.join(autocompleteTarget, name), withoutMap);
}
fs.copyFileSync(
  path.join(autocompleteSource, "package.json"),
  path.join(autocompleteTarget, "package.json"),
);
