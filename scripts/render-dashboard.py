#!/usr/bin/env python3
"""Usage: scripts/render-dashboard.py [--prometheus URL] [--minutes N | --start T --end T]
                                    [--dashboard JSON] [--out PNG] [--scrape-interval SECONDS]

Draws a Grafana dashboard without Grafana: reads the dashboard JSON (default
docs/observability/amends-dashboard.json), runs each panel's PromQL queries against a Prometheus
HTTP API (query_range; default http://127.0.0.1:9090) over the last N minutes (default 20) or
from --start to --end (RFC 3339 or Unix seconds), and draws the panels where their gridPos puts
them, with their titles, units and legends, into a PNG (default docs/images/amends-dashboard.png).
$__interval and $__rate_interval are replaced as Grafana does, from the scrape interval
(default 15 s, the data source's timeInterval). Panels of type timeseries and stat are drawn; a
query with no data shows "No data", as in Grafana. Needs matplotlib (e.g. in a venv:
python3 -m venv /tmp/render-venv && /tmp/render-venv/bin/pip install matplotlib).
See docs/observability.md, "Dashboard screenshot".
"""
import argparse
import datetime as dt
import json
import math
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_DATA_POINTS = 600  # about a half-width panel's pixels, as Grafana would ask for

# Grafana's dark theme, roughly: page, panel, text, grid, and its classic palette.
PAGE, PANEL, TEXT, MUTED, GRID = "#111217", "#181b1f", "#ccccdc", "#8e8e9e", "#2c3235"
PALETTE = ["#73bf69", "#f2cc0c", "#8ab8ff", "#ff780a", "#f2495c", "#b877d9", "#70dbed",
           "#ff9bd2", "#37872d", "#c0c0c0", "#5794f2", "#c4a000", "#e0752d", "#8f3bb8",
           "#1f78c1", "#ba43a9", "#508642", "#cca300", "#bf1b00", "#6ed0e0"]


def parse_time(text):
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def grafana_interval(start, end, scrape):
    """$__interval: the range over max data points, never below the scrape interval."""
    raw = max((end - start) / MAX_DATA_POINTS, scrape)
    for nice in (1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600):
        if nice >= raw:
            return nice
    return int(math.ceil(raw / 3600) * 3600)


def expand(expr, interval, scrape):
    # Grafana: $__rate_interval = max($__interval + scrape interval, 4 * scrape interval).
    rate_interval = max(interval + scrape, 4 * scrape)
    return (expr.replace("$__rate_interval", f"{int(rate_interval)}s")
                .replace("${__rate_interval}", f"{int(rate_interval)}s")
                .replace("$__interval", f"{int(interval)}s")
                .replace("${__interval}", f"{int(interval)}s"))


def query_range(prometheus, expr, start, end, step):
    params = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    url = f"{prometheus.rstrip('/')}/api/v1/query_range?{params}"
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            body = json.load(answer)
    except urllib.error.HTTPError as e:
        raise SystemExit(f"Prometheus refused {expr!r}: {e.read().decode(errors='replace')}")
    if body.get("status") != "success":
        raise SystemExit(f"Prometheus failed on {expr!r}: {body}")
    return body["data"]["result"]


def legend(fmt, labels, expr):
    if not fmt:
        return "{" + ", ".join(f'{k}="{v}"' for k, v in sorted(labels.items())) + "}" if labels else expr
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), fmt).strip()


def format_value(value, unit):
    """A value with the panel's unit, shortened as Grafana does."""
    if value is None or math.isnan(value):
        return "NaN"
    if unit == "s":
        a = abs(value)
        if a == 0:
            return "0 s"
        if a < 1e-3:
            return f"{value * 1e6:.0f} µs"
        if a < 1:
            return f"{value * 1e3:.3g} ms"
        if a < 60:
            return f"{value:.3g} s"
        if a < 3600:
            return f"{value / 60:.3g} min"
        return f"{value / 3600:.3g} hour"
    suffix = " ops/s" if unit == "ops" else ""
    a = abs(value)
    if a >= 1e6:
        text = f"{value / 1e6:.3g} Mil"
    elif a >= 1e3:
        text = f"{value / 1e3:.3g} K"
    elif a == 0:
        text = "0"
    else:
        text = f"{value:.3g}"
    return text + suffix


def draw_timeseries(ax, panel, series, start, end, unit):
    import matplotlib.dates as mdates
    import matplotlib.ticker as mticker
    lines = 0
    for i, (name, points) in enumerate(series):
        xs = [dt.datetime.fromtimestamp(t, dt.timezone.utc) for t, _ in points]
        ys = [v for _, v in points]
        ax.plot(xs, ys, color=PALETTE[i % len(PALETTE)], linewidth=1.4, label=name)
        lines += 1
    ax.set_xlim(dt.datetime.fromtimestamp(start, dt.timezone.utc),
                dt.datetime.fromtimestamp(end, dt.timezone.utc))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M", tz=dt.timezone.utc))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=8))
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: format_value(v, unit)))
    ax.yaxis.set_major_locator(mticker.MaxNLocator(nbins=5, min_n_ticks=3))
    ax.tick_params(axis="x", pad=7)
    ax.grid(True, color=GRID, linewidth=0.6)
    if lines == 0:
        ax.text(0.5, 0.5, "No data", transform=ax.transAxes, ha="center", va="center",
                color=MUTED, fontsize=14)
        ax.set_yticks([])
        return
    values = [v for _, points in series for _, v in points if not math.isnan(v)]
    if values and min(values) >= 0:
        # Grafana's soft minimum of 0 for non-negative data; all zeros get a 0..1 axis.
        ax.set_ylim(0, max(values) * 1.08 if max(values) > 0 else 1)
    if values and unit == "short" and all(v == int(v) for v in values) and max(values) >= 1:
        ax.yaxis.set_major_locator(mticker.MaxNLocator(nbins=5, integer=True))
    if values and unit == "s" and max(values) >= 60:
        # Durations of minutes: ticks on whole seconds and minutes, as Grafana's time axis does.
        top = ax.get_ylim()[1]
        step = next((n for n in (15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200) if top / n <= 5), 14400)
        ax.yaxis.set_major_locator(mticker.MultipleLocator(step))


def draw_stat(ax, panel, series, unit):
    ax.set_axis_off()
    defaults = panel.get("fieldConfig", {}).get("defaults", {})
    if not series:
        ax.text(0.5, 0.5, "No data", transform=ax.transAxes, ha="center", va="center",
                color=MUTED, fontsize=14)
        return
    name, points = series[0]
    value = points[-1][1] if points else float("nan")
    text, color = format_value(value, unit), TEXT
    for mapping in defaults.get("mappings", []):
        if mapping.get("type") == "value" and not math.isnan(value):
            options = mapping.get("options", {})
            key = str(int(value)) if value == int(value) else str(value)
            if key in options:
                text = options[key].get("text", text)
                color = {"red": "#f2495c", "green": "#73bf69"}.get(options[key].get("color"), TEXT)
    steps = defaults.get("thresholds", {}).get("steps", [])
    if color == TEXT and steps and not math.isnan(value):
        for step in steps:
            if step.get("value") is None or value >= step["value"]:
                color = {"red": "#f2495c", "green": "#73bf69"}.get(step.get("color"), TEXT)
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center",
            color=color, fontsize=34, fontweight="bold")
    ax.text(0.5, 0.18, f"{name}: {format_value(value, 'short')} (last value)",
            transform=ax.transAxes, ha="center", va="center", color=MUTED, fontsize=9)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prometheus", default="http://127.0.0.1:9090")
    parser.add_argument("--dashboard", default=str(ROOT / "docs/observability/amends-dashboard.json"))
    parser.add_argument("--out", default=str(ROOT / "docs/images/amends-dashboard.png"))
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--start")
    parser.add_argument("--end")
    parser.add_argument("--scrape-interval", type=float, default=15)
    args = parser.parse_args()
    if (args.start is None) != (args.end is None):
        parser.error("--start and --end go together")

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    dashboard = json.loads(Path(args.dashboard).read_text())
    end = parse_time(args.end) if args.end else dt.datetime.now(dt.timezone.utc).timestamp()
    start = parse_time(args.start) if args.start else end - args.minutes * 60
    if end <= start:
        parser.error("the range must end after it starts")
    interval = grafana_interval(start, end, args.scrape_interval)

    panels = [p for p in dashboard["panels"] if p.get("type") != "row"]
    rows = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in panels)
    row_inches = 0.42
    fig = plt.figure(figsize=(20, rows * row_inches + 1.1), facecolor=PAGE, dpi=100)
    top = 1 - 1.0 / (rows * row_inches + 1.1)
    grid = fig.add_gridspec(rows, 24, left=0.005, right=0.995, top=top, bottom=0.005,
                            wspace=0, hspace=0)
    begin = dt.datetime.fromtimestamp(start, dt.timezone.utc)
    finish = dt.datetime.fromtimestamp(end, dt.timezone.utc)
    fig.text(0.01, 1 - 0.45 / (rows * row_inches + 1.1),
             f"{dashboard.get('title', 'dashboard')}  ·  {begin:%Y-%m-%d %H:%M} to {finish:%H:%M} UTC",
             color=TEXT, fontsize=17, fontweight="bold", va="center")
    fig.text(0.99, 1 - 0.45 / (rows * row_inches + 1.1),
             f"{Path(args.dashboard).name}, queried from Prometheus and drawn by "
             f"scripts/render-dashboard.py (not Grafana); step {interval}s",
             color=MUTED, fontsize=9.5, va="center", ha="right")

    for panel in panels:
        pos = panel["gridPos"]
        unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "short")
        series = []
        for target in panel.get("targets", []):
            expr = expand(target["expr"], interval, args.scrape_interval)
            for result in query_range(args.prometheus, expr, start, end, interval):
                points = [(float(t), float(v)) for t, v in result["values"]]
                series.append((legend(target.get("legendFormat"), result["metric"], expr), points))
        frame = fig.add_subplot(grid[pos["y"]:pos["y"] + pos["h"], pos["x"]:pos["x"] + pos["w"]])
        frame.set_facecolor(PAGE)
        frame.set_xticks([])
        frame.set_yticks([])
        for spine in frame.spines.values():
            spine.set_visible(False)
        # The panel: a card inside its grid cell, the title on top, room for the legend below.
        frame.add_patch(matplotlib.patches.FancyBboxPatch(
            (0.006, 0.02), 0.988, 0.96, boxstyle="round,pad=0,rounding_size=0.008",
            transform=frame.transAxes, facecolor=PANEL, edgecolor=GRID, linewidth=0.8))
        frame.text(0.02, 0.935, panel.get("title", ""), transform=frame.transAxes,
                   color=TEXT, fontsize=11, fontweight="bold", va="center")
        box = frame.get_position()
        columns = 1 if len(series) <= 4 else 2
        legend_rows = 0 if panel["type"] == "stat" else math.ceil(len(series) / columns)
        line = 0.052 * box.height  # one legend line, in figure height
        legend_height = line * legend_rows + (0.02 * box.height if legend_rows else 0)
        inner = fig.add_axes([box.x0 + box.width * 0.085, box.y0 + box.height * 0.12 + legend_height,
                              box.width * 0.895, box.height * 0.745 - legend_height])
        inner.set_facecolor(PANEL)
        inner.tick_params(colors=MUTED, labelsize=8, length=0)
        for spine in inner.spines.values():
            spine.set_visible(False)
        if panel["type"] == "stat":
            draw_stat(inner, panel, series, unit)
        else:
            draw_timeseries(inner, panel, series, start, end, unit)
            if legend_rows:
                # Grafana's list legend: below the plot, inside the card.
                keys = fig.add_axes([box.x0 + box.width * 0.02, box.y0 + box.height * 0.03,
                                     box.width * 0.96, legend_height])
                keys.set_axis_off()
                handles, labels = inner.get_legend_handles_labels()
                keys.legend(handles, labels, loc="upper left", ncol=columns, frameon=False,
                            fontsize=8, labelcolor=TEXT, handlelength=1.4, columnspacing=1.5,
                            borderaxespad=0, labelspacing=0.25)
        if panel["type"] not in ("timeseries", "stat"):
            inner.text(0.5, 0.5, f"panel type {panel['type']} not drawn", transform=inner.transAxes,
                       ha="center", color=MUTED)

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, facecolor=PAGE)
    print(f"{out}: {len(panels)} panels, {begin:%H:%M}-{finish:%H:%M} UTC, step {interval}s")


if __name__ == "__main__":
    sys.exit(main())
