// Keeps a submission's progress current while its file is checked: asks the API every few
// seconds and updates the progress bar and the status line in place (a polite live region),
// then offers a link to the result. No page reloads itself (WCAG 2.2.1); without
// JavaScript the "Check progress" button reloads the page when the reader chooses. A file
// still waiting a minute after the page was loaded gets a line saying so: the page the
// server sends then says whether a background worker is running and what to do.
const panel = document.querySelector('[data-module="portal-submission-progress"]');

if (panel) {
  const url = panel.dataset.statusUrl;
  const interval = 1000 * Number(panel.dataset.interval || 3);
  const status = panel.querySelector("[data-progress-status]");
  const bar = panel.querySelector("progress");
  const inProgress = ["received", "validating"];
  const number = (n) => Number(n).toLocaleString("en-GB");
  const loaded = Date.now();
  let saidWaiting = false;

  const waiting = () => {
    saidWaiting = true;
    status.textContent = "Nothing has started checking the file for over a minute. ";
    const link = document.createElement("a");
    link.className = "govuk-link";
    link.href = window.location.pathname;
    link.textContent = "Check progress to see why";
    status.append(link);
  };

  const finished = () => {
    status.textContent = "The check has finished. ";
    const link = document.createElement("a");
    link.className = "govuk-link";
    link.href = window.location.pathname;
    link.textContent = "See the result";
    status.append(link);
  };

  const tick = async () => {
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const data = await response.json();
        if (!inProgress.includes(data.status)) {
          finished();
          return;
        }
        if (data.status === "received" && !saidWaiting && Date.now() - loaded > 60000) {
          waiting();
        }
        if (data.status === "validating" && data.rows_total) {
          if (bar) {
            bar.value = Math.min(100, Math.round((100 * data.rows_processed) / data.rows_total));
          }
          status.textContent = `${number(data.rows_processed)} of about ${number(data.rows_total)} rows checked.`;
        }
      }
    } catch (error) {
      // A missed answer is no reason to stop: try again at the next tick.
    }
    window.setTimeout(tick, interval);
  };

  window.setTimeout(tick, interval);
}
