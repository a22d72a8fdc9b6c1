// Enhances the find-by-name text inputs of long choice lists (seslip/find_by_name.py) with
// GOV.UK accessible-autocomplete: names are suggested while someone types, from the JSON
// address in the input's data-find-by-name. Without this file the input is a plain text
// input the server matches by name. The library is loaded only on pages with such inputs.
const vendor = new URL("../vendor/accessible-autocomplete/", import.meta.url);

function load(onLoad) {
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = new URL("accessible-autocomplete.min.css", vendor).href;
  document.head.appendChild(style);
  const script = document.createElement("script");
  script.src = new URL("accessible-autocomplete.min.js", vendor).href;
  script.onload = onLoad;
  document.head.appendChild(script);
}

function suggestions(address) {
  return (query, populateResults) => {
    fetch(`${address}?q=${encodeURIComponent(query)}`, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : { names: [] }))
      .then((found) => populateResults(found.names))
      .catch(() => populateResults([]));
  };
}

function enhance(input) {
  const container = document.createElement("div");
  input.parentNode.insertBefore(container, input);
  const describedBy = input.getAttribute("aria-describedby");
  const invalid = input.getAttribute("aria-invalid");
  input.remove();
  window.accessibleAutocomplete({
    element: container,
    id: input.id,
    name: input.name,
    defaultValue: input.value,
    minLength: 2,
    confirmOnBlur: false,
    showNoOptionsFound: false,
    source: suggestions(input.dataset.findByName),
  });
  const enhanced = container.querySelector("input");
  if (enhanced && describedBy) {
    const own = enhanced.getAttribute("aria-describedby");
    enhanced.setAttribute("aria-describedby", own ? `${describedBy} ${own}` : describedBy);
  }
  if (enhanced && invalid) {
    enhanced.setAttribute("aria-invalid", invalid);
  }
}

export function enhanceFindByName() {
  const inputs = document.querySelectorAll("input[data-find-by-name]");
  if (inputs.length) {
    load(() => inputs.forEach(enhance));
  }
}
