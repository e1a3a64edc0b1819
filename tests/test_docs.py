"""Every command, option and finding code is documented, and every command has help."""

from __future__ import annotations

import argparse
import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from cc_syndicate.audit import CODES as AUDIT_CODES
from cc_syndicate.checks import SEVERITY
from cc_syndicate.cli import COMMANDS, build_parser, main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def subparsers() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_is_wired() -> None:
    assert set(subparsers()) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_and_is_documented(command: str) -> None:
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0 and "usage: cc-syndicate " + command in out.getvalue()
    assert f"cc-syndicate {command}" in README
    for action in subparsers()[command]._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in README, f"{command} {option} is not in the README"


@pytest.mark.parametrize("code", sorted({**SEVERITY, **AUDIT_CODES}))
def test_every_finding_code_is_documented(code: str) -> None:
    assert f"| `{code}` | {SEVERITY.get(code) or AUDIT_CODES[code]} |" in README
