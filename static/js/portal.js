// Initialises GOV.UK Frontend's components (menu toggles, error summaries, tabs...).
// Every page works without this file: it only enhances.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";
import { enhanceFindByName } from "./find-by-name.js";

initAll();
enhanceFindByName();
