"""sigma-auth: oathtool-like code generation plus commands over the encrypted vault.

Every failure prints one line on stderr and exits non-zero; nothing prints a secret unless the
command exists to do so (`export --plaintext`, and `scan`, which prints the QR texts asked for).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import NoReturn, TextIO

from desktop_app import __version__
from desktop_app.core import otpauth, qr
from desktop_app.core.accounts import Account, AccountError, OtpType, find_accounts
from desktop_app.core.importers import ImporterError, find_format, import_text
from desktop_app.core.otp import Algorithm, OtpError, hotp, seconds_remaining, totp
from desktop_app.core.paths import default_vault_path
from desktop_app.core.scan_results import scan_result
from desktop_app.core.vault import Vault, VaultError

PASSWORD_ENV = "SIGMA_AUTH_PASSWORD"  # noqa: S105 (a variable name)
NEW_PASSWORD_ENV = "SIGMA_AUTH_NEW_PASSWORD"  # noqa: S105 (passwd without a terminal)
EXIT_FAILURE = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A failure to report on one line; `status` is the exit code."""

    def __init__(self, message: str, status: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise CliError(message, EXIT_USAGE)


# ----- shared helpers ---------------------------------------------------------------------------


class Console:
    """Streams, password source and clock in one place so tests can drive the CLI in-process."""

    def __init__(
        self,
        out: TextIO | None = None,
        err: TextIO | None = None,
        stdin: TextIO | None = None,
        prompt_password: Callable[[str], str] = getpass.getpass,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.stdin = stdin or sys.stdin
        self.prompt_password = prompt_password
        self.clock = clock

    def print(self, text: str = "") -> None:
        print(text, file=self.out)

    def warn(self, text: str) -> None:
        print(text, file=self.err)

    def password(self, prompt: str = "Vault password: ") -> str:
        from_env = os.environ.get(PASSWORD_ENV)
        if from_env is not None:
            return from_env
        if not self.stdin.isatty():
            raise CliError(f"no password: set {PASSWORD_ENV} or run the command in a terminal")
        return self.prompt_password(prompt)

    def new_password(self, env_name: str = PASSWORD_ENV) -> str:
        from_env = os.environ.get(env_name)
        if from_env is not None:
            chosen = from_env
        else:
            if not self.stdin.isatty():
                raise CliError(f"no new password: set {env_name} or run in a terminal")
            chosen = self.prompt_password("New vault password: ")
            if self.prompt_password("Repeat the password: ") != chosen:
                raise CliError("the two passwords differ; nothing was changed")
        if len(chosen) < 8:
            raise CliError("choose a password of at least 8 characters")
        return chosen


def _vault_path(args: argparse.Namespace) -> Path:
    return Path(args.vault).expanduser() if args.vault else default_vault_path()


def _open_vault(args: argparse.Namespace, console: Console) -> Vault:
    return Vault.open(_vault_path(args), console.password())


def _parse_time(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise CliError(f"--time: {text!r} is neither seconds since 1970 nor an ISO date") from None
    if moment.tzinfo is None:
        raise CliError("--time: give a time zone (e.g. 2026-01-01T12:00:00Z)")
    return moment.timestamp()


def _read_secret_argument(value: str, console: Console) -> str:
    # "-" keeps the secret out of the process list and shell history.
    return console.stdin.readline().strip() if value == "-" else value


def _account_from_argument(value: str, args: argparse.Namespace, kind: OtpType) -> Account:
    """An otpauth:// URI keeps its own parameters; a bare secret takes the command's options."""
    if otpauth.looks_like_otpauth(value):
        account = otpauth.parse(value)
        if account.type is not kind:
            raise CliError(f"this URI is for {account.type.value.upper()}, not {kind.upper()}")
        overrides = {
            key: getattr(args, key)
            for key in ("algorithm", "digits", "period", "counter")
            if getattr(args, key, None) is not None
        }
        return replace(account, **overrides) if overrides else account
    return Account(
        issuer="",
        name="command line",
        secret=value,
        type=kind,
        algorithm=args.algorithm or Algorithm.SHA1,
        digits=args.digits or 6,
        period=getattr(args, "period", None) or 30,
        counter=getattr(args, "counter", None) or 0,
    )


def _single_match(vault: Vault, query: str) -> Account:
    found = find_accounts(vault.accounts, query)
    if not found:
        raise CliError(f"no account matches {query!r} (see: sigma-auth list)")
    if len(found) > 1:
        labels = ", ".join(a.label for a in found[:5])
        more = "..." if len(found) > 5 else ""
        raise CliError(f"{query!r} matches {len(found)} accounts: {labels}{more}; be more precise")
    return found[0]


def _add_new_accounts(vault: Vault, accounts: Sequence[Account], console: Console,
                      allow_duplicates: bool = False) -> list[Account]:  # fmt: skip
    """Save the accounts in one update; those whose key is already saved (or earlier in
    `accounts`) are skipped with a message unless duplicates are allowed."""
    added: list[Account] = []

    def merge(saved: list[Account]) -> list[Account]:
        added.clear()
        for account in accounts:
            if not allow_duplicates and any(
                account.same_credential(a) for a in [*saved, *added]
            ):
                console.warn(f"skipped {account.label}: already in the vault")
                continue
            added.append(account)
        return [*saved, *added]

    vault.update(merge)
    return added


def _escaped_line(text: str) -> str:
    """A QR text on one line: backslash, newline, carriage return and tab escaped."""
    return (
        text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )


def _decode_files(names: Sequence[str], console: Console) -> tuple[list[tuple[str, str]], int]:
    """(file, QR text) for every code found, and how many files had none (each said on stderr)."""
    found: list[tuple[str, str]] = []
    without = 0
    for name in names:
        try:
            texts = qr.decode_file(name)
        except qr.QrError as exc:
            console.warn(f"sigma-auth: {exc}")  # the message names the file
            without += 1
            continue
        if not texts:
            console.warn(f"sigma-auth: {name}: no QR code found")
            without += 1
        found += [(name, text) for text in texts]
    return found, without


# ----- commands ---------------------------------------------------------------------------------


def cmd_totp(args: argparse.Namespace, console: Console) -> int:
    account = _account_from_argument(
        _read_secret_argument(args.secret, console), args, OtpType.TOTP
    )
    now = _parse_time(args.time) if args.time is not None else console.clock()
    console.print(
        totp(
            account.key,
            now,
            period=account.period,
            digits=account.digits,
            algorithm=account.algorithm,
        )
    )
    return 0


def cmd_hotp(args: argparse.Namespace, console: Console) -> int:
    account = _account_from_argument(
        _read_secret_argument(args.secret, console), args, OtpType.HOTP
    )
    console.print(
        hotp(account.key, account.counter, digits=account.digits, algorithm=account.algorithm)
    )
    return 0


def cmd_init(args: argparse.Namespace, console: Console) -> int:
    path = _vault_path(args)
    if path.exists():
        raise CliError(f"a vault already exists at {path}; it was left untouched")
    Vault.create(path, console.new_password())
    console.print(f"Created an encrypted vault at {path}")
    console.warn(
        "Keep the password safe: without it the vault cannot be opened, by you or anyone else."
    )
    return 0


def cmd_add(args: argparse.Namespace, console: Console) -> int:
    if args.scan:
        if args.uri or args.secret:
            raise CliError("give an otpauth:// URI, --secret or --scan, not several")
        return _add_scanned(args, console)
    if args.uri:
        account = otpauth.parse(args.uri)
        account = replace(account, note=args.note or "")
    elif args.secret:
        account = Account(
            issuer=args.issuer or "",
            name=args.account or "",
            secret=_read_secret_argument(args.secret, console),
            type=OtpType(args.type),
            algorithm=args.algorithm or Algorithm.SHA1,
            digits=args.digits or 6,
            period=args.period or 30,
            counter=args.counter or 0,
            note=args.note or "",
        )
    else:
        raise CliError("give an otpauth:// URI or --secret (see: sigma-auth add --help)")
    vault = _open_vault(args, console)
    duplicate = next((a for a in vault.accounts if a.same_credential(account)), None)
    if duplicate is not None and not args.allow_duplicate:
        raise CliError(
            f"this secret is already in the vault as {duplicate.label!r} "
            "(use --allow-duplicate to add it anyway)"
        )
    vault.add(account)
    console.print(f"Added {account.label}")
    if account.weak_secret:
        console.warn("Warning: this secret is shorter than the 128 bits RFC 4226 asks for.")
    return 0


def _add_scanned(args: argparse.Namespace, console: Console) -> int:
    found, failures = _decode_files(args.scan, console)
    result = scan_result(text for _name, text in found)
    for problem in result.problems:
        console.warn(f"sigma-auth: skipped a QR code: {problem}")
    for note in [*result.other_notes(), *result.export_notes()]:
        console.warn(f"sigma-auth: {note}")
    failures += len(result.problems) + len(result.other_texts)
    if not result.accounts:
        raise CliError("no account to add was found in " + ", ".join(args.scan))
    vault = _open_vault(args, console)
    added = _add_new_accounts(vault, result.accounts, console, args.allow_duplicate)
    for account in added:
        console.print(f"Added {account.label}")
        if account.weak_secret:
            console.warn(f"Warning: the secret of {account.label} is shorter than the 128 bits "
                         "RFC 4226 asks for.")  # fmt: skip
    if not added:
        raise CliError("nothing added: every account found is already in the vault")
    return 1 if failures else 0


def cmd_scan(args: argparse.Namespace, console: Console) -> int:
    found, without = _decode_files(args.files, console)
    for name, text in found:
        console.print(f"{name}\t{_escaped_line(text)}")
    return 1 if without else 0


def cmd_list(args: argparse.Namespace, console: Console) -> int:
    vault = _open_vault(args, console)
    if not vault.accounts:
        console.warn("The vault is empty (add one with: sigma-auth add URI)")
    for account in vault.accounts:
        kind = "" if account.type is OtpType.TOTP else "  [HOTP]"
        console.print(f"{account.issuer or '-'}\t{account.name or '-'}{kind}")
    return 0


def cmd_code(args: argparse.Namespace, console: Console) -> int:
    vault = _open_vault(args, console)
    now = _parse_time(args.time) if args.time is not None else console.clock()
    chosen = list(vault.accounts) if not args.query else find_accounts(vault.accounts, args.query)
    if not chosen:
        raise CliError(f"no account matches {args.query!r}" if args.query else "the vault is empty")
    hotp_ids = {a.id for a in chosen if a.type is OtpType.HOTP}
    codes = {a.id: a.code_at(now) for a in chosen}
    if hotp_ids:  # an HOTP code is used up once shown: move those counters on
        vault.update(
            lambda accounts: [
                replace(a, counter=a.counter + 1) if a.id in hotp_ids else a for a in accounts
            ]
        )
    if len(chosen) == 1:
        console.print(codes[chosen[0].id])
        return 0
    for account in chosen:
        if account.type is OtpType.TOTP:
            left = f"{int(seconds_remaining(now, account.period) + 0.999)}s"
        else:
            left = "hotp"
        console.print(f"{codes[account.id]}\t{left}\t{account.label}")
    return 0


def cmd_remove(args: argparse.Namespace, console: Console) -> int:
    vault = _open_vault(args, console)
    target = _single_match(vault, args.query)
    if not args.yes:
        if not console.stdin.isatty():
            raise CliError(f"refusing to remove {target.label!r} without --yes")
        console.out.write(f"Remove {target.label}? Its codes cannot be recovered. [y/N] ")
        console.out.flush()
        if console.stdin.readline().strip().lower() not in ("y", "yes"):
            console.print("Nothing removed.")
            return 1
    vault.update(lambda accounts: [a for a in accounts if a.id != target.id])
    console.print(f"Removed {target.label}")
    return 0


def cmd_rename(args: argparse.Namespace, console: Console) -> int:
    if args.issuer is None and args.account is None:
        raise CliError("give --issuer and/or --account with the new names")
    vault = _open_vault(args, console)
    target = _single_match(vault, args.query)
    renamed = replace(
        target,
        issuer=target.issuer if args.issuer is None else args.issuer,
        name=target.name if args.account is None else args.account,
    )
    vault.update(lambda accounts: [renamed if a.id == target.id else a for a in accounts])
    console.print(f"Renamed {target.label} to {renamed.label}")
    return 0


def cmd_passwd(args: argparse.Namespace, console: Console) -> int:
    vault = _open_vault(args, console)
    vault.change_password(console.new_password(NEW_PASSWORD_ENV))
    console.print("Password changed.")
    return 0


def cmd_export(args: argparse.Namespace, console: Console) -> int:
    if not args.plaintext:
        raise CliError(
            "an export of otpauth URIs contains every secret in plain text; "
            "add --plaintext to confirm (the vault file itself is the encrypted backup)"
        )
    vault = _open_vault(args, console)
    lines = "".join(otpauth.build(a) + "\n" for a in vault.accounts)
    if args.output:
        output = Path(args.output)
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(lines)
        console.print(f"Exported {len(vault.accounts)} accounts to {output}")
    else:
        console.out.write(lines)
    console.warn("Warning: the export holds your secrets unencrypted; delete it when done.")
    return 0


def cmd_import(args: argparse.Namespace, console: Console) -> int:
    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not a UTF-8 text file"
        raise CliError(f"cannot read {args.file}: {reason}") from None
    parsed: list[Account] = []
    failures = 0
    skipped_entries = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{args.file}:{number}"
        if find_format(line) is None:  # not a registered export format: one otpauth:// URI
            try:
                parsed.append(otpauth.parse(line))
            except otpauth.OtpauthError as exc:
                failures += 1
                console.warn(f"{where}: skipped: {exc}")
            continue
        try:
            imported = import_text(line.strip())
        except ImporterError as exc:
            failures += 1
            console.warn(f"{where}: skipped: {exc}")
            continue
        parsed += imported.accounts
        for error in imported.errors:
            skipped_entries += 1
            console.warn(f"{where}: skipped {error}")
    vault = _open_vault(args, console)
    added = _add_new_accounts(vault, parsed, console)
    entries = f", {skipped_entries} export entries skipped" if skipped_entries else ""
    console.print(
        f"Imported {len(added)} accounts ({failures} lines skipped as invalid{entries})"
    )
    return 1 if failures or skipped_entries else 0


# ----- parser -----------------------------------------------------------------------------------


def _algorithm(text: str) -> Algorithm:
    try:
        return Algorithm(text.upper().replace("-", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not SHA1, SHA256 or SHA512") from None


def _add_otp_options(parser: argparse.ArgumentParser, *, time_based: bool) -> None:
    parser.add_argument("--algorithm", type=_algorithm, help="SHA1 (default), SHA256 or SHA512")
    parser.add_argument("--digits", type=int, help="6 (default), 7 or 8")
    if time_based:
        parser.add_argument("--period", type=int, help="seconds per code (default 30)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sigma-auth",
        description="Generate one-time codes and manage the encrypted Sigma Authenticator vault.",
        epilog=f"Vault commands read the password from ${PASSWORD_ENV} or prompt for it; "
        f"passwd reads the new one from ${NEW_PASSWORD_ENV} or prompts twice.",
    )
    parser.add_argument("--version", action="version", version=f"sigma-auth {__version__}")
    parser.add_argument("--vault", help="vault file (default: $SIGMA_AUTH_HOME/vault)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = commands.add_parser("totp", help="print the TOTP code of a secret or otpauth:// URI")
    p.add_argument("secret", help="base32 secret, otpauth:// URI, or - to read it from stdin")
    p.add_argument("--time", help="seconds since 1970 or an ISO date (default: now)")
    _add_otp_options(p, time_based=True)
    p.set_defaults(handler=cmd_totp)

    p = commands.add_parser("hotp", help="print the HOTP code of a secret or otpauth:// URI")
    p.add_argument("secret", help="base32 secret, otpauth:// URI, or - to read it from stdin")
    p.add_argument("--counter", type=int, help="counter (default: the URI's, else 0)")
    _add_otp_options(p, time_based=False)
    p.set_defaults(handler=cmd_hotp)

    p = commands.add_parser("init", help="create a new encrypted vault")
    p.set_defaults(handler=cmd_init)

    p = commands.add_parser(
        "add", help="add an account from a URI, from --secret, or from QR code images (--scan)"
    )
    p.add_argument("uri", nargs="?", help="otpauth:// URI")
    p.add_argument(
        "--scan",
        action="append",
        metavar="IMAGE",
        help="add every account the QR codes in this image file hold (otpauth:// and Google "
        "Authenticator exports); may be given more than once",
    )
    p.add_argument("--secret", help="base32 secret (or - to read it from stdin)")
    p.add_argument("--issuer", help="service name, e.g. GitHub")
    p.add_argument("--account", help="account name, e.g. you@example.com")
    p.add_argument("--type", choices=["totp", "hotp"], default="totp")
    p.add_argument("--counter", type=int)
    p.add_argument("--note")
    p.add_argument("--allow-duplicate", action="store_true")
    _add_otp_options(p, time_based=True)
    p.set_defaults(handler=cmd_add)

    p = commands.add_parser("list", help="list accounts: issuer and account name")
    p.set_defaults(handler=cmd_list)

    p = commands.add_parser("code", help="print current codes (all, or those matching QUERY)")
    p.add_argument("query", nargs="?")
    p.add_argument("--time", help="seconds since 1970 or an ISO date (default: now)")
    p.set_defaults(handler=cmd_code)

    p = commands.add_parser("remove", help="remove one account")
    p.add_argument("query")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=cmd_remove)

    p = commands.add_parser("rename", help="change an account's issuer or name")
    p.add_argument("query")
    p.add_argument("--issuer")
    p.add_argument("--account")
    p.set_defaults(handler=cmd_rename)

    p = commands.add_parser("passwd", help="change the vault password")
    p.set_defaults(handler=cmd_passwd)

    p = commands.add_parser("export", help="export accounts as otpauth:// URIs (plaintext)")
    p.add_argument("--format", choices=["uris"], default="uris")
    p.add_argument("--plaintext", action="store_true", help="confirm an unencrypted export")
    p.add_argument("--output", "-o", help="file to write (created with mode 0600)")
    p.set_defaults(handler=cmd_export)

    p = commands.add_parser(
        "import",
        help="import otpauth:// URIs and Google Authenticator exports (otpauth-migration://), "
        "one per line",
    )
    p.add_argument("file")
    p.set_defaults(handler=cmd_import)

    p = commands.add_parser(
        "scan",
        help="print the text of every QR code in image files, secret keys included: "
        "FILE<TAB>TEXT",
        description="Print one line per QR code found: FILE, a tab, and the code's text "
        "(backslash, newline and tab escaped as \\\\, \\n and \\t). The text of an "
        "authenticator QR code holds its secret key: this command prints it, as asked. "
        "A file without a readable QR code gets a message on stderr and the exit status is 1.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="PNG, JPEG, BMP, WebP or TIFF image")
    p.set_defaults(handler=cmd_scan)
    return parser


def main(argv: Sequence[str] | None = None, console: Console | None = None) -> int:
    console = console or Console()
    try:
        args = build_parser().parse_args(argv)
        return args.handler(args, console)
    except CliError as exc:
        console.warn(f"sigma-auth: {exc}")
        return exc.status
    except (VaultError, otpauth.OtpauthError, AccountError, OtpError) as exc:
        console.warn(f"sigma-auth: {exc}")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        console.warn("sigma-auth: interrupted")
        return 130
    except OSError as exc:
        console.warn(f"sigma-auth: {exc.strerror or exc}")
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
