"""The ``graphbuild`` command line.  Data goes to stdout, progress and errors to stderr.

The library never imports this module; here library exceptions become one
``Error: ...`` line and exit code 1.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from graphbuild.graph import analysis
from graphbuild.resolve.catalog import Catalog, atomic_file, learn_catalog, write_atomic
from graphbuild.parse.find import get_citations, load_default_tokenizer
from graphbuild.graph.builder import summary
from graphbuild.build import ALL_FORMATS, build_corpus, write_graph
from graphbuild.corpus.inputs import DUPLICATE_POLICIES, DuplicateIds, InputError, InputProblem, to_document
from graphbuild.models import CITATION_FIELDS
from graphbuild.corpus.extract import extract_records
from graphbuild.corpus.parallel import Interrupted, default_jobs, install_signal_handlers
from graphbuild.scale.local import map_items
from graphbuild.export.readwrite import FORMATS, read_graph, write

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Parse Vietnamese texts for the Party and state instruments they cite, "
                       "and build the citation graph.")
catalog_app = typer.Typer(no_args_is_help=True, help="Build or inspect instrument catalogs.")
app.add_typer(catalog_app, name="catalog")


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


class ExportFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"
    cypher = "cypher"
    html = "html"


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


OnDuplicate = Enum("OnDuplicate", {p: p for p in DUPLICATE_POLICIES}, type=str)
_ON_DUPLICATE_HELP = ("A document id seen twice: error (name both lines, keep the first, exit 1), "
                      "first or last (keep that one, no error).")


# --- plumbing ---------------------------------------------------------------------

def fail(message: str, code: int = 1) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


class Problems:
    """Collects input problems: one line on stderr each, and the exit code at the end."""

    def __init__(self):
        self.count = 0

    def __call__(self, problem: InputProblem) -> None:
        self.count += 1
        typer.echo(f"Error: {problem}", err=True)

    def exit(self) -> None:
        if self.count:
            typer.echo(f"{self.count} input problem(s); the other inputs were processed.", err=True)
            raise typer.Exit(1)


class Progress:
    """A progress line on stderr every few seconds, for long runs only."""

    def __init__(self, what: str, every: float = 2.0, quiet: bool = False):
        self.what, self.every, self.quiet = what, every, quiet
        self.start = self.last = time.perf_counter()
        self.docs = self.chars = 0

    def tick(self, chars: int) -> None:
        self.docs += 1
        self.chars += chars
        now = time.perf_counter()
        if not self.quiet and now - self.last >= self.every:
            self.last = now
            rate = self.docs / (now - self.start)
            typer.echo(f"{self.what}: {self.docs} documents, {self.chars / 1e6:.1f} M chars, "
                       f"{rate:.0f} docs/s", err=True)

    def done(self) -> None:
        elapsed = time.perf_counter() - self.start
        if not self.quiet and elapsed >= self.every:
            typer.echo(f"{self.what}: {self.docs} documents in {elapsed:.1f} s", err=True)


def _jobs(jobs: Optional[int]) -> int:
    return default_jobs() if jobs is None or jobs <= 0 else jobs


def _load_catalog(path: Optional[Path], no_catalog: bool) -> Catalog:
    if no_catalog:
        return Catalog()
    try:
        return Catalog.load(path)
    except ValueError as exc:
        fail(str(exc))


# --- extract -----------------------------------------------------------------------
#
# Workers receive raw bytes (a file, one JSONL line) and return finished output, so the
# reading process only moves bytes and --jobs 2 runs close to twice as fast.

_OUTPUT_FIELDS = ("doc",) + CITATION_FIELDS
def _decode(item):
    """``(document, problem)``: exactly one is None."""
    try:
        return to_document(item), None
    except InputError as exc:
        return None, exc.problem


def _ident(doc, item) -> tuple:
    return doc.id, item.path, item.line


def _unique(results, problems: "Problems", policy) -> "Iterator":
    """Worker results ``(problem, ident, payload)`` -> payloads: each problem reported,
    duplicate ids handled by ``--on-duplicate``."""
    def known():
        for problem, ident, payload in results:
            if problem is not None:
                problems(problem)
            else:
                yield (*ident, payload)
    return DuplicateIds(getattr(policy, "value", policy), problems).filter(known())


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files, folders, .jsonl/.jsonl.gz corpora, or - for stdin."),
    format: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of stdout."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: all cores)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines."),
    on_duplicate: OnDuplicate = typer.Option("error", "--on-duplicate", help=_ON_DUPLICATE_HELP),
):
    """Print every citation found in PATHS, one record per citation.

    Example:

        graphbuild extract data/corpus --format table

        cat report.txt | graphbuild extract - --format csv
    """
    problems = Problems()
    progress = Progress("extract", quiet=quiet)
    with _output_stream(output) as out:
        _extract_to(out, paths, format, jobs, problems, progress, on_duplicate)
    problems.exit()


@contextlib.contextmanager
def _output_stream(output: Optional[Path]):
    """stdout, or a text stream into an atomic temp file renamed at the end."""
    if output is None:
        yield sys.stdout
        return
    try:
        with atomic_file(output) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            yield text
            text.flush()
            text.detach()
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")


def _extract_to(out, paths, format, jobs, problems, progress, on_duplicate="error") -> None:
    if format is ExtractFormat.csv:
        csv.DictWriter(out, fieldnames=_OUTPUT_FIELDS, lineterminator="\n").writeheader()
    table_rows = []
    for text, chars, records in extract_records(paths, format.value, problems, _jobs(jobs),
                                                getattr(on_duplicate, "value", on_duplicate)):
        progress.tick(chars)
        out.write(text)
        table_rows.extend(records)
    if format is ExtractFormat.table:
        _print_table(table_rows, ("doc", "start", "end", "kind", "type", "number", "symbol",
                                  "year", "date", "issuer", "text"), out)
    progress.done()


def _print_table(rows: list[dict], columns, out=None) -> None:
    out = out or sys.stdout
    cells = [[("" if r.get(c) is None else " ".join(str(r.get(c)).split()))[:60] for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")


# --- build -------------------------------------------------------------------------

@app.command()
def build(
    corpus: List[str] = typer.Argument(..., help="Files, folders, .jsonl/.jsonl.gz corpora, or -."),
    outdir: Path = typer.Option(..., "--output", "-o", help="Folder for graph.json, .graphml, .gexf, .cypher, csv/."),
    catalog: Optional[Path] = typer.Option(None, "--catalog", help="Catalog JSON (default: the shipped one)."),
    no_catalog: bool = typer.Option(False, "--no-catalog", help="Resolve without any catalog."),
    update: Optional[Path] = typer.Option(None, "--update", help="Add new documents to this existing graph."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: all cores)."),
    formats: str = typer.Option(",".join(ALL_FORMATS), "--formats",
                                help="Comma-separated export formats."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines."),
    on_duplicate: OnDuplicate = typer.Option("error", "--on-duplicate", help=_ON_DUPLICATE_HELP),
):
    """Parse, resolve and write the citation graph of CORPUS in every export format
    (graph.json, .graphml, .gexf, .cypher, .html and csv/).

    Example:

        graphbuild build data/corpus -o out/

        graphbuild build new-articles/ --update out/ -o out/
    """
    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    bad = [f for f in wanted if f not in ALL_FORMATS]
    if bad:
        fail(f"unknown format(s) {', '.join(bad)}; choose from {', '.join(ALL_FORMATS)}")
    cat = _load_catalog(catalog, no_catalog)
    problems = Problems()
    progress = Progress("build", quiet=quiet)
    try:
        g = build_corpus(corpus, jobs=jobs, catalog=cat, update=update, on_problem=problems,
                         on_document=lambda r: progress.tick(r.chars), on_duplicate=on_duplicate.value)
    except (OSError, ValueError) as exc:        # the --update graph cannot be read
        fail(str(exc))
    progress.done()
    try:
        info = write_graph(g, outdir, wanted)
    except OSError as exc:
        fail(f"{outdir}: cannot write the graph ({exc.strerror or exc})")
    _print_summary(info, added=progress.docs)
    problems.exit()


def _print_summary(info: dict, added: int) -> None:
    typer.echo(f"documents: {info['documents']} ({added} parsed now)")
    typer.echo(f"instruments: {info['instruments']} (resolved {info['resolved']}, "
               f"ambiguous {info['ambiguous']}, unresolved {info['unresolved']})")
    typer.echo(f"bodies: {info['bodies']}   edges: {info['edges']}  "
               + " ".join(f"{k}={v}" for k, v in info["edge_types"].items()))
    typer.echo("top cited:")
    for row in info["top_cited"]:
        typer.echo(f"  {row['documents']:>6}  {row['instrument']}")


# --- export, stats, show, path --------------------------------------------------------

def _read(graph: Path):
    try:
        return read_graph(graph)
    except (OSError, ValueError) as exc:
        fail(str(exc))


@app.command()
def export(
    graph: Path = typer.Argument(..., help="graph.json (or a build folder, .graphml, .gexf)."),
    format: ExportFormat = typer.Option(..., "--format", "-f", help="Export format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Target file (folder for csv); default stdout."),
):
    """Write GRAPH as GraphML, GEXF, node-link JSON, neo4j-admin CSV, Cypher or HTML.

    Example:

        graphbuild export out/graph.json --format gexf -o citations.gexf

        graphbuild export out/ --format html -o graph.html
    """
    g = _read(graph)
    if format is ExportFormat.csv and output is None:
        fail("--format csv writes a folder of files: give it with -o FOLDER")
    try:
        write(g, format.value, output if output else sys.stdout.buffer)
    except (OSError, ValueError) as exc:
        fail(str(exc))


@app.command()
def stats(
    graph: Path = typer.Argument(..., help="graph.json or a build folder."),
    top: int = typer.Option(15, "--top", help="How many instruments to list."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
):
    """Most cited instruments (by citing documents and PageRank), by type, issuer and year.

    Example:

        graphbuild stats out/ --top 10
    """
    g = _read(graph)
    result = {
        "summary": summary(g, top=0),
        "top_by_documents": analysis.top_cited(g, top, by="documents"),
        "top_by_pagerank": analysis.top_cited(g, top, by="pagerank"),
        "by_type": analysis.counts_by(g, "type"),
        "by_kind": analysis.counts_by(g, "kind"),
        "by_issuer": analysis.counts_by(g, "issuer")[:top],
        "citations_per_year": analysis.citations_per_year(g),
    }
    if format is OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    s = result["summary"]
    typer.echo(f"{s['documents']} documents, {s['instruments']} instruments "
               f"({s['ambiguous']} ambiguous, {s['unresolved']} unresolved), {s['edges']} edges\n")
    for title, key in (("Most cited (documents)", "top_by_documents"), ("Most cited (PageRank)", "top_by_pagerank")):
        typer.echo(title)
        _print_table(result[key], ("instrument", "type", "year", "documents", "in_degree", "pagerank"))
        typer.echo("")
    for title, key in (("By type", "by_type"), ("By kind", "by_kind"), ("By issuer", "by_issuer"),
                       ("Citations per year of the citing document", "citations_per_year")):
        typer.echo(title)
        for name, count in result[key]:
            typer.echo(f"  {count:>7}  {name}")
        typer.echo("")


def _one_instrument(g, query: str) -> str:
    if not query.strip():
        fail("give a symbol, key or name")
    found = analysis.find_instruments(g, query)
    if not found:
        fail(f"no instrument matches {query!r}")
    if len(found) > 1:
        # "27-NQ/TW" is two instruments (2018 and 2022): say so rather than pick one.
        keys = ", ".join(g.nodes[n].get("key") or n for n in found[:12])
        fail(f"{len(found)} instruments match {query!r}: {keys}{' ...' if len(found) > 12 else ''}; "
             "give one of these keys")
    return found[0]


@app.command()
def show(
    graph: Path = typer.Argument(..., help="graph.json or a build folder."),
    symbol: str = typer.Argument(..., help="Symbol, key or name: 49-NQ/TW, 27-NQ/TW@2022, 'Đại hội XIII'."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
):
    """What an instrument cites and what cites it, with evidence sentences.

    Example:

        graphbuild show out/ 49-NQ/TW
    """
    g = _read(graph)
    node = _one_instrument(g, symbol)
    info = analysis.describe(g, node)
    if format is OutputFormat.json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=1))
        return
    typer.echo(f"{info.get('key')}  {info.get('type') or ''}  {info.get('date') or info.get('year') or ''}"
               f"  [{info.get('status')}]")
    for field in ("title", "name", "issuer", "term", "candidates"):
        if info.get(field):
            typer.echo(f"  {field}: {info[field]}")
    for title, rows in (("cites", info["cites"]), ("cited by", info["cited_by"])):
        typer.echo(f"\n{title} ({len(rows)}):")
        for r in rows:
            typer.echo(f"  {r['relation']:<11} {r['name']}  (x{r['count']})")
            for e in r["evidence"]:
                typer.echo(f"      “{e}”")


@app.command()
def path(
    graph: Path = typer.Argument(..., help="graph.json or a build folder."),
    source: str = typer.Argument(..., help="First instrument (symbol, key or name)."),
    target: str = typer.Argument(..., help="Second instrument."),
):
    """The shortest chain of relations linking two instruments.

    Example:

        graphbuild path out/ 08-KH/BCĐ 49-NQ/TW
    """
    g = _read(graph)
    a, b = _one_instrument(g, source), _one_instrument(g, target)
    steps = analysis.instrument_path(g, a, b)
    if not steps:
        fail(f"no chain of relations links {a} and {b}")
    for x, rel, y in steps:
        typer.echo(f"{g.nodes[x].get('key')} -[{rel}]-> {g.nodes[y].get('key')}")


# --- catalog, score ---------------------------------------------------------------------

@catalog_app.command("build")
def catalog_build(
    corpus: List[str] = typer.Argument(..., help="Files, folders, .jsonl/.jsonl.gz corpora, or -."),
    output: Path = typer.Option(..., "--output", "-o", help="Catalog JSON to write."),
    base: Optional[Path] = typer.Option(None, "--base", help="Start from this catalog (default: the shipped one)."),
    empty: bool = typer.Option(False, "--empty", help="Start from an empty catalog."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
    on_duplicate: OnDuplicate = typer.Option("error", "--on-duplicate", help=_ON_DUPLICATE_HELP),
):
    """Learn instruments (symbol, type, date, issuer, term, title, aliases) from full citations.

    Example:

        graphbuild catalog build ../shared/corpus/bulk.jsonl.gz -o my-catalog.json
    """
    problems = Problems()
    progress = Progress("catalog", quiet=quiet)
    start = Catalog() if empty else _load_catalog(base, False)

    def batches():
        load_default_tokenizer()        # once, before the workers fork: they share it
        results = map_items(_catalog_item, corpus, problems, _jobs(jobs))
        for chars, cits in _unique(results, problems, on_duplicate):
            progress.tick(chars)
            yield cits

    learned = learn_catalog(batches(), base=start)
    progress.done()
    try:
        learned.save(output, description="graphbuild catalog learned from " + ", ".join(corpus))
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")
    typer.echo(f"{len(learned)} instruments ({len(learned) - len(start)} learned) -> {output}")
    problems.exit()


def _catalog_item(item):
    doc, problem = _decode(item)
    if doc is None:
        return problem, None, None
    return None, _ident(doc, item), (len(doc.text), get_citations(doc.text))


@app.command()
def score(
    gold_dir: Optional[Path] = typer.Argument(None, help="Folder with gold/*.gold.json and passages/ (e.g. ../shared/corpus/dev)."),
    relations: Optional[Path] = typer.Option(None, "--relations", help="Score relations instead: a folder with gold/*.rel.json and docs/ (../shared/corpus/relations)."),
    subset: str = typer.Option("all", "--subset", help="With --relations: all, tuning or held-out (a fixed random third)."),
    errors: bool = typer.Option(False, "--errors", help="List false positives, false negatives and field errors."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
):
    """Score the extractor against gold annotations: span and strict precision, recall, F1.

    Example:

        graphbuild score ../shared/corpus/dev --errors

        graphbuild score --relations ../shared/corpus/relations --errors
    """
    if relations is not None:
        return _score_relations(relations, subset, errors, format)
    if gold_dir is None:
        fail("give a gold folder, or --relations FOLDER")
    from graphbuild.evaluate.citations import error_report, score_dir
    try:
        result = score_dir(gold_dir)
    except (OSError, ValueError, KeyError) as exc:
        fail(f"{gold_dir}: {exc}")
    figures = result.figures
    if format is OutputFormat.json:
        typer.echo(json.dumps(figures, indent=1))
    else:
        typer.echo(f"{figures['files']} files, {figures['gold']} gold, {figures['predicted']} predicted")
        typer.echo(f"span:   P={figures['precision']:.4f}  R={figures['recall']:.4f}  F1={figures['f1']:.4f}")
        typer.echo(f"strict: P={figures['strict_precision']:.4f}  R={figures['strict_recall']:.4f}  "
                   f"F1={figures['strict_f1']:.4f}   (same number, symbol and year)")
    if errors:
        typer.echo(error_report(result), err=True)


def _score_relations(folder: Path, subset: str, errors: bool, format: OutputFormat) -> None:
    from graphbuild.evaluate import relations as rel
    if subset not in ("all", "tuning", "held-out"):
        fail(f"--subset: {subset!r} is not all, tuning or held-out")
    try:
        result = rel.score_relations(folder, subset=subset)
    except (OSError, ValueError, KeyError) as exc:
        fail(f"{folder}: {exc}")
    if format is OutputFormat.json:
        typer.echo(json.dumps(result.figures, indent=1))
    else:
        typer.echo(rel.relation_report(result))
    if errors:
        typer.echo(rel.error_report(result), err=True)


from graphbuild.cli import db as cli_neo4j, view as cli_view  # noqa: E402  (they add their commands to app)

cli_neo4j.register(app)
cli_view.register(app)


def main() -> None:
    install_signal_handlers()
    try:
        app()
    except Interrupted as exc:          # workers are already gone; atomic writes left no temp file
        typer.echo(f"Error: {exc}; the outputs are as they were before the run", err=True)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(exc.exit_code)         # no atexit join of pool threads a signal may have cut short


if __name__ == "__main__":
    main()
