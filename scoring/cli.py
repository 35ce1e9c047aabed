"""Command line: ``python -m scoring score INPUT [-o OUT]`` and ``python -m scoring template -o FILE``.

Exit codes: 0 when the file was processed (even with rejected rows), 2 when it could not be used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scoring.batch import describe_errors, score_frame
from scoring.content import load_bank, load_strings
from scoring.errors import ContentError, InputFileError
from scoring.files import read_answers, template_frame, to_csv_bytes

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scoring", description="BPO Career Fit: score answer sheets.")
    parser.add_argument("--lang", choices=("ja", "en"), default="ja", help="language of messages and error texts")
    parser.add_argument("--data-dir", type=Path, default=None, help="content folder (default: the bundled data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    score = commands.add_parser("score", help="score a CSV (UTF-8, UTF-8 with BOM, cp932) or XLSX answer sheet")
    score.add_argument("input", type=Path)
    score.add_argument("-o", "--output", type=Path, help="write results here (default: standard output)")
    template = commands.add_parser("template", help="write an empty answer sheet with the item ids")
    template.add_argument("-o", "--output", type=Path, required=True)
    return parser


def _write(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = args.lang
    try:
        strings = load_strings(args.data_dir)
    except ContentError as exc:  # the other folder's strings are broken: say so with the bundled ones
        print(load_strings()("cli.content_error", lang, detail=str(exc)), file=sys.stderr)
        return 2
    try:
        bank = load_bank(args.data_dir)
        if args.command == "template":
            _write(to_csv_bytes(template_frame(bank, lang)), args.output)
            print(strings("cli.template_written", lang, path=args.output), file=sys.stderr)
            return 0
        frame = read_answers(args.input)
        result = score_frame(frame, bank)
        result["error"] = describe_errors(result["error"], strings, lang)
        _write(to_csv_bytes(result), args.output)
    except InputFileError as exc:
        print(strings(f"file_error.{exc.code}", lang, detail=exc.detail), file=sys.stderr)
        return 2
    except ContentError as exc:
        print(strings("cli.content_error", lang, detail=str(exc)), file=sys.stderr)
        return 2
    except OSError as exc:
        print(strings("cli.cannot_write", lang, detail=exc.strerror or str(exc)), file=sys.stderr)
        return 2
    rejected = int((result["error"] != "").sum())
    print(strings("cli.summary", lang, scored=len(result) - rejected, rejected=rejected), file=sys.stderr)
    return 0
