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
