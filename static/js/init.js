// Marks the page as JavaScript-capable before GOV.UK Frontend initialises its components.
// An external file rather than an inline script, so the Content Security Policy can forbid
// inline scripts entirely.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
