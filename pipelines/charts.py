"""Charts for the reports: pandas DataFrames in, PNG and SVG files out (matplotlib's Agg canvas, no display, no Dagster).

Each function draws one chart, writes `<stem>.png` (small, dpi 80, for the Dagster UI) and `<stem>.svg` (for
print), and returns both paths. An empty frame still gives a chart that says so, never an error. The output is
deterministic: no dates in the files, fixed SVG ids, rows drawn in a sorted order.
"""
from __future__ import annotations

import io
import math
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

DPI = 80
_STYLE = {"font.size": 9, "axes.titlesize": 11, "svg.hashsalt": "releases-warehouse", "svg.fonttype": "none"}
_BAR_COLOUR = "#3b6ea5"
_LABEL_CHARS = 42


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _save(figure: Figure, out_dir: Path, stem: str) -> list[Path]:
    """`stem.png` as a 64-colour palette image (a third of the bytes, which the UI metadata carries) and `stem.svg`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    png, svg = out_dir / f"{stem}.png", out_dir / f"{stem}.svg"
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    Image.open(buffer).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(png, optimize=True)
    figure.set_layout_engine("none")  # keep the layout just computed for the PNG: laying out again costs as much
    figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return [png, svg]


def _no_data(figure: Figure, title: str) -> None:
    axes = figure.add_subplot()
    axes.set_title(title)
    axes.text(0.5, 0.5, "no data yet", ha="center", va="center", transform=axes.transAxes, color="grey")
    axes.set_axis_off()


def _short(label: str) -> str:
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"


def releases_per_month(frame: pd.DataFrame, out_dir: Path, stem: str = "releases_per_month") -> list[Path]:
    """Bars of releases per publication month on a time axis; frame columns `month` (a date) and `releases`."""
    title = "Releases per month"
    with matplotlib.rc_context(_STYLE):
        figure = _figure(8, 3.6)
        if frame.empty:
            _no_data(figure, title)
        else:
            data = frame.assign(month=pd.to_datetime(frame["month"])).sort_values("month")
            axes = figure.add_subplot()
            axes.bar(data["month"], data["releases"], width=25, color=_BAR_COLOUR)
            axes.set_title(f"{title} ({int(data['releases'].sum())} releases)")
            axes.set_ylabel("releases")
            axes.yaxis.get_major_locator().set_params(integer=True)
            axes.spines[["top", "right"]].set_visible(False)
        return _save(figure, out_dir, stem)


def top_entities(frame: pd.DataFrame, title: str, value_label: str, out_dir: Path, stem: str) -> list[Path]:
    """Horizontal bars, the largest on top; frame columns `name` and `count`, already limited to the top few."""
    with matplotlib.rc_context(_STYLE):
        figure = _figure(8, 0.6 + 0.28 * max(len(frame), 4))
        if frame.empty:
            _no_data(figure, title)
        else:
            data = frame.sort_values(["count", "name"], ascending=[True, False])
            axes = figure.add_subplot()
            axes.barh([_short(name) for name in data["name"]], data["count"], color=_BAR_COLOUR)
            axes.set_title(title)
            axes.set_xlabel(value_label)
            axes.xaxis.get_major_locator().set_params(integer=True)
            axes.spines[["top", "right"]].set_visible(False)
        return _save(figure, out_dir, stem)


def network(nodes: pd.DataFrame, edges: pd.DataFrame, title: str, out_dir: Path, stem: str,
            max_nodes: int = 20, weight_label: str = "shared releases") -> list[Path]:
    """Who met whom: people on a circle, a line per pair, thicker and darker the heavier the pair's `weight` (what it
    counts is `weight_label`: shared events or releases).

    `nodes` has columns `name` and `releases` (dot size); `edges` has `source`, `target`, `weight`. Only the
    `max_nodes` people in the most releases are drawn (then those with the most partners, then by name), so the
    picture stays readable when one release lists a whole summit.
    """
    with matplotlib.rc_context(_STYLE):
        figure = _figure(7, 7)
        partners = pd.concat([edges["source"], edges["target"]]).value_counts()
        ranked = nodes[nodes["name"].isin(partners.index)].assign(partners=lambda f: f["name"].map(partners))
        ranked = ranked.sort_values(["releases", "partners", "name"], ascending=[False, False, True]).head(max_nodes)
        if ranked.empty:
            _no_data(figure, title)
            return _save(figure, out_dir, stem)
        names = sorted(ranked["name"])
        angle = {name: 2 * math.pi * index / len(names) for index, name in enumerate(names)}
        position = {name: (math.cos(a), math.sin(a)) for name, a in angle.items()}
        axes = figure.add_subplot()
        shown = edges[edges["source"].isin(angle) & edges["target"].isin(angle)].sort_values(["weight", "source", "target"])
        heaviest = shown["weight"].max()
        for source, target, weight in shown[["source", "target", "weight"]].itertuples(index=False):
            share = (weight - 1) / (heaviest - 1) if heaviest > 1 else 0.0  # a single shared release: a thin line
            (x1, y1), (x2, y2) = position[source], position[target]
            axes.plot([x1, x2], [y1, y2], color=_BAR_COLOUR, alpha=0.25 + 0.65 * share, linewidth=0.6 + 3 * share, zorder=1)
        size = dict(zip(ranked["name"], ranked["releases"]))
        biggest = max(size.values())
        axes.scatter([position[n][0] for n in names], [position[n][1] for n in names],
                     s=[30 + 270 * size[n] / biggest for n in names], color="#e07b39", edgecolor="white", zorder=2)
        for name in names:
            degrees = math.degrees(angle[name])
            flip = 90 < degrees < 270
            x, y = position[name]
            axes.text(1.08 * x, 1.08 * y, _short(name), rotation=degrees - 180 if flip else degrees,
                      rotation_mode="anchor", ha="right" if flip else "left", va="center", fontsize=8)
        axes.set_title(f"{title}\n{len(names)} people, {len(shown)} pairs; dot size: releases, line: {weight_label}")
        axes.set_xlim(-2, 2)
        axes.set_ylim(-2, 2)
        axes.set_aspect("equal")
        axes.set_axis_off()
        return _save(figure, out_dir, stem)


def stacked_over_time(frame: pd.DataFrame, title: str, out_dir: Path, stem: str, max_categories: int = 10) -> list[Path]:
    """Stacked bars per period, one colour per category; frame columns `period` (sortable text), `category`, `count`.

    Categories beyond the `max_categories` largest are summed as "other".
    """
    with matplotlib.rc_context(_STYLE):
        figure = _figure(8, 4)
        if frame.empty:
            _no_data(figure, title)
            return _save(figure, out_dir, stem)
        totals = frame.groupby("category")["count"].sum().reset_index()
        top = totals.sort_values(["count", "category"], ascending=[False, True]).head(max_categories)["category"]
        data = frame.assign(category=frame["category"].where(frame["category"].isin(set(top)), "other"))
        table = data.pivot_table(index="period", columns="category", values="count", aggfunc="sum", fill_value=0)
        table = table.sort_index()[[*sorted(c for c in table.columns if c != "other"),
                                    *(["other"] if "other" in table.columns else [])]]
        axes = figure.add_subplot()
        colours = matplotlib.colormaps["tab20"].colors
        bottom = pd.Series(0, index=table.index)
        labels = [str(period) for period in table.index]
        for index, category in enumerate(table.columns):
            axes.bar(labels, table[category], bottom=bottom, label=str(category), color=colours[index % len(colours)])
            bottom = bottom + table[category]
        axes.set_title(title)
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
        axes.tick_params(axis="x", labelrotation=45 if len(labels) > 8 else 0)
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.spines[["top", "right"]].set_visible(False)
        return _save(figure, out_dir, stem)
