"""sigma-auth as a user types it: in-process for speed, plus real processes for the entry point."""

import io
import subprocess
import sys

import numpy as np
import pytest
from helpers.qr_images import qr_png, write_image

from desktop_app.cli import Console, build_parser, main
from desktop_app.core.accounts import Account
from desktop_app.core.importers.google_migration import OtpParameters, build_migration_uri
from desktop_app.core.paths import default_vault_path
from desktop_app.core.qr import synth
from desktop_app.core.vault import Vault

PASSWORD = "cli password 1"
GITHUB_URI = "otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub"
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"


class FakeTerminal(io.StringIO):
    def __init__(self, text: str = "", tty: bool = False) -> None:
        super().__init__(text)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


class Run:
    """One command: exit status, stdout and stderr."""

    def __init__(self, status: int, out: str, err: str) -> None:
        self.status, self.out, self.err = status, out, err


def sigma_auth(*argv: str, stdin: str = "", tty: bool = False, prompts=(), now=1_000_000_000.0):
    out, err = io.StringIO(), io.StringIO()
    answers = iter(prompts)
    console = Console(
        out=out,
        err=err,
        stdin=FakeTerminal(stdin, tty),
        prompt_password=lambda _prompt: next(answers),
        clock=lambda: now,
    )
    status = main(list(argv), console)
    return Run(status, out.getvalue(), err.getvalue())


@pytest.fixture
def with_password(monkeypatch):
    monkeypatch.setenv("SIGMA_AUTH_PASSWORD", PASSWORD)


@pytest.fixture
def vault(with_password):
    assert sigma_auth("init").status == 0
    return default_vault_path()


def assert_one_line_error(run: Run, *words: str) -> None:
    assert run.status != 0
    lines = run.err.strip().splitlines()
    assert lines and lines[-1].startswith("sigma-auth: "), run.err
    assert "Traceback" not in run.err
    for word in words:
        assert word in lines[-1], (word, run.err)


# ----- oathtool-like commands -------------------------------------------------------------


def test_totp_matches_the_rfc_vector():
    assert sigma_auth("totp", RFC_SECRET, "--time", "59", "--digits", "8").out == "94287082\n"


def test_totp_with_sha256_and_an_iso_time():
    sha256_key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA"  # 32-byte RFC key
    run = sigma_auth(
        "totp", sha256_key, "--algorithm", "sha256", "--digits", "8",
        "--time", "2005-03-18T01:58:29Z",
    )  # fmt: skip
    assert run.out == "68084774\n"  # RFC 6238 Appendix B, SHA256 at 1111111109


def test_totp_takes_the_uri_parameters():
    uri = f"otpauth://totp/x?secret={RFC_SECRET}&digits=8&period=60"
    assert sigma_auth("totp", uri, "--time", "119").out == "94287082\n"  # step 1 of 60 s


def test_totp_uses_the_injected_clock_by_default():
    assert sigma_auth("totp", RFC_SECRET, now=59).out == "287082\n"


def test_totp_reads_the_secret_from_stdin_with_a_dash():
    assert sigma_auth("totp", "-", "--time", "59", stdin=RFC_SECRET + "\n").out == "287082\n"


def test_hotp_uses_the_counter_option_or_the_uri_counter():
    assert sigma_auth("hotp", RFC_SECRET, "--counter", "9").out == "520489\n"
    assert sigma_auth("hotp", f"otpauth://hotp/x?secret={RFC_SECRET}&counter=3").out == "969429\n"


@pytest.mark.parametrize(
    "argv,words",
    [
        (("totp", "not base32!"), ["not valid base32"]),
        (("totp", RFC_SECRET, "--digits", "12"), ["digits"]),
        (("totp", RFC_SECRET, "--algorithm", "md5"), ["SHA1, SHA256 or SHA512"]),
        (("totp", RFC_SECRET, "--time", "yesterday"), ["--time"]),
        (("totp", RFC_SECRET, "--time", "2026-01-01T00:00"), ["time zone"]),
        (("totp", RFC_SECRET, "--time", "-100"), ["1970"]),
        (("totp", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0"), ["period"]),
        (("totp", f"otpauth://hotp/x?secret={RFC_SECRET}&counter=1"), ["HOTP"]),
        (("totp", "otpauth://totp/x?issuer=A"), ["no secret"]),
        (("bogus",), ["invalid choice"]),
    ],
)
def test_bad_input_gives_one_line_and_a_nonzero_status(argv, words):
    run = sigma_auth(*argv)
    assert_one_line_error(run, *words)
    assert run.out == ""


# ----- vault commands ---------------------------------------------------------------------


def test_init_creates_an_encrypted_vault_and_refuses_to_overwrite_it(vault):
    assert Vault.open(vault, PASSWORD).accounts == ()
    assert_one_line_error(sigma_auth("init"), "already exists")


def test_init_prompts_twice_in_a_terminal_and_rejects_a_mismatch(monkeypatch):
    monkeypatch.delenv("SIGMA_AUTH_PASSWORD", raising=False)
    assert_one_line_error(sigma_auth("init", tty=True, prompts=["first one", "other"]), "differ")
    assert_one_line_error(sigma_auth("init", tty=True, prompts=["short", "short"]), "8 characters")
    run = sigma_auth("init", tty=True, prompts=["long enough", "long enough"])
    assert run.status == 0 and "Keep the password safe" in run.err


def test_without_a_terminal_or_variable_a_password_is_asked_for_clearly(vault, monkeypatch):
    monkeypatch.delenv("SIGMA_AUTH_PASSWORD")
    assert_one_line_error(sigma_auth("list"), "SIGMA_AUTH_PASSWORD")


def test_add_list_code_and_remove(vault):
    assert sigma_auth("add", GITHUB_URI).out == "Added GitHub (alice@example.com)\n"
    run = sigma_auth(
        "add", "--secret", "jbsw y3dp ehpk 3pxq", "--issuer", "Acme", "--account", "bob"
    )
    assert run.status == 0
    assert sigma_auth("list").out == "GitHub\talice@example.com\nAcme\tbob\n"
    lines = sigma_auth("code", "--time", "59").out.splitlines()
    assert [line.split("\t")[1:] for line in lines] == [
        ["1s", "GitHub (alice@example.com)"],
        ["1s", "Acme (bob)"],
    ]
    single = sigma_auth("code", "github", "--time", "59").out.strip()
    assert single == sigma_auth("totp", "JBSWY3DPEHPK3PXP", "--time", "59").out.strip()
    assert sigma_auth("remove", "acme", "--yes").status == 0
    assert sigma_auth("list").out == "GitHub\talice@example.com\n"


def test_listing_and_errors_never_print_a_secret(vault):
    sigma_auth("add", GITHUB_URI)
    for argv in (("list",), ("code",), ("add", GITHUB_URI), ("export",), ("remove", "x")):
        run = sigma_auth(*argv)
        assert "JBSWY3DPEHPK3PXP" not in run.out + run.err, argv


def test_a_duplicate_secret_is_refused_unless_allowed(vault):
    sigma_auth("add", GITHUB_URI)
    assert_one_line_error(
        sigma_auth("add", "--secret", "JBSWY3DPEHPK3PXP", "--issuer", "Copy"),
        "already in the vault",
    )
    assert sigma_auth("add", "--secret", "JBSWY3DPEHPK3PXP", "--issuer", "Copy",
                      "--allow-duplicate").status == 0  # fmt: skip


def test_hotp_codes_move_the_counter_on(vault):
    sigma_auth("add", f"otpauth://hotp/Bank:me?secret={RFC_SECRET}&counter=0")
    assert [sigma_auth("code", "bank").out for _ in range(3)] == [
        "755224\n",
        "287082\n",
        "359152\n",
    ]


def test_ambiguous_or_unknown_queries_are_explained(vault):
    sigma_auth("add", GITHUB_URI)
    sigma_auth("add", "--secret", "JBSWY3DPEHPK3PXQ", "--issuer", "GitHub", "--account", "work")
    assert_one_line_error(sigma_auth("remove", "github", "--yes"), "matches 2 accounts")
    assert_one_line_error(sigma_auth("remove", "gitlab", "--yes"), "no account matches")
    assert_one_line_error(sigma_auth("code", "gitlab"), "no account matches")
    assert sigma_auth("remove", "github work", "--yes").status == 0


def test_remove_asks_in_a_terminal_and_keeps_the_account_on_no(vault):
    sigma_auth("add", GITHUB_URI)
    run = sigma_auth("remove", "github", stdin="n\n", tty=True)
    assert run.status == 1 and "Nothing removed" in run.out
    assert sigma_auth("remove", "github", stdin="y\n", tty=True).status == 0
    assert sigma_auth("list").out == ""


def test_rename(vault):
    sigma_auth("add", GITHUB_URI)
    assert sigma_auth("rename", "github", "--account", "alice@work.example").status == 0
    assert sigma_auth("list").out == "GitHub\talice@work.example\n"
    assert_one_line_error(sigma_auth("rename", "github"), "--issuer")


def test_passwd_changes_the_password(vault, monkeypatch):
    sigma_auth("add", GITHUB_URI)
    monkeypatch.setenv("SIGMA_AUTH_NEW_PASSWORD", "the new password")
    assert sigma_auth("passwd").status == 0
    assert_one_line_error(sigma_auth("list"), "Wrong password")
    monkeypatch.setenv("SIGMA_AUTH_PASSWORD", "the new password")
    assert sigma_auth("list").out == "GitHub\talice@example.com\n"


def test_export_needs_an_explicit_plaintext_flag(vault, tmp_path):
    sigma_auth("add", GITHUB_URI)
    assert_one_line_error(sigma_auth("export"), "--plaintext")
    run = sigma_auth("export", "--plaintext")
    assert run.out.startswith("otpauth://totp/GitHub:alice@example.com?secret=JBSWY3DPEHPK3PXP")
    assert "unencrypted" in run.err
    target = tmp_path / "export.txt"
    assert sigma_auth("export", "--plaintext", "-o", str(target)).status == 0
    assert target.stat().st_mode & 0o077 == 0
    assert target.read_text() == run.out


def test_import_reports_each_bad_line_and_keeps_the_rest(vault, tmp_path):
    source = tmp_path / "uris.txt"
    source.write_text(
        "# exported from somewhere\n"
        f"{GITHUB_URI}\n"
        "otpauth://totp/Broken?secret=123\n"
        "\n"
        "otpauth://hotp/Bank:me?secret=JBSWY3DPEHPK3PXQ&counter=5\n"
        "https://example.com\n"
        f"{GITHUB_URI}\n"
    )
    run = sigma_auth("import", str(source))
    assert run.status == 1
    assert f"{source}:3: skipped: the secret key is not valid base32" in run.err
    assert f"{source}:6: skipped: not an otpauth:// URI" in run.err
    assert "already in the vault" in run.err
    assert "Imported 2 accounts (2 lines skipped as invalid)" in run.out
    assert sigma_auth("list").out == "GitHub\talice@example.com\nBank\tme  [HOTP]\n"


def test_import_of_an_unreadable_file_is_one_line(vault, tmp_path):
    assert_one_line_error(sigma_auth("import", str(tmp_path / "missing.txt")), "cannot read")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    assert_one_line_error(sigma_auth("import", str(binary)), "not a UTF-8 text file")


def test_vault_errors_are_one_line(vault, monkeypatch):
    monkeypatch.setenv("SIGMA_AUTH_PASSWORD", "wrong")
    assert_one_line_error(sigma_auth("list"), "Wrong password")
    vault.write_bytes(vault.read_bytes()[:-5])
    assert_one_line_error(sigma_auth("list"), "damaged")
    assert_one_line_error(sigma_auth("--vault", "/nonexistent/v", "list"), "No vault")


# ----- QR codes: scan, add --scan, import of Google Authenticator exports --------------------


def migration_line(accounts, **batch) -> str:
    return build_migration_uri(accounts, **batch)


def side_by_side(*texts: str) -> np.ndarray:
    """One grey picture with a QR code for each text, in a row."""
    codes = [synth.render_qr(text) for text in texts]
    height = max(code.shape[0] for code in codes)
    return np.hstack([np.pad(c, ((0, height - c.shape[0]), (0, 0)), constant_values=255)
                      for c in codes])  # fmt: skip


EXPORTED = [
    Account(issuer="Acme", name="alice", secret="GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
    Account(issuer="GitHub", name="alice@example.com", secret="JBSWY3DPEHPK3PXP"),
    Account(issuer="Bank", name="bob", secret="MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK", digits=8),
]


def test_scan_prints_file_tab_text_per_code_and_fails_for_files_without_one(tmp_path):
    one = qr_png(tmp_path / "one.png", GITHUB_URI)
    two = write_image(tmp_path / "two.png", side_by_side("first\tline\nnext", "https://example.com"))
    blank = write_image(tmp_path / "blank.png", np.full((200, 200), 255, np.uint8))
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    run = sigma_auth("scan", str(one), str(two))
    assert run.status == 0 and run.err == ""
    assert run.out.splitlines() == [
        f"{one}\t{GITHUB_URI}",
        f"{two}\tfirst\\tline\\nnext",
        f"{two}\thttps://example.com",
    ]
    run = sigma_auth("scan", str(blank), str(one), str(notes), str(tmp_path / "gone.png"))
    assert run.status == 1
    assert run.out == f"{one}\t{GITHUB_URI}\n"
    assert run.err.splitlines() == [
        f"sigma-auth: {blank}: no QR code found",
        f"sigma-auth: {notes}: this is not an image file that can be read "
        "(PNG, JPEG, BMP, WebP, TIFF)",
        f"sigma-auth: {tmp_path / 'gone.png'}: no such file",
    ]


def test_scan_help_warns_that_it_prints_secrets():
    parser = build_parser()
    assert "secret keys included" in " ".join(parser.format_help().split())
    scan = parser._subparsers._group_actions[0].choices["scan"]
    assert "holds its secret key: this command prints it" in " ".join(scan.format_help().split())


def test_add_scan_adds_every_account_in_the_images(vault, tmp_path):
    sigma_auth("add", GITHUB_URI)
    export = qr_png(tmp_path / "export.png", migration_line(EXPORTED), module_px=4)
    single = qr_png(
        tmp_path / "single.png", "otpauth://hotp/Shop:me?secret=ONSWG4TFOQYTEMZUGU3DOOBZONSWG4TF&counter=3"
    )
    run = sigma_auth("add", "--scan", str(export), "--scan", str(single))
    assert run.status == 0, run.err
    assert run.out.splitlines() == ["Added Acme (alice)", "Added Bank (bob)", "Added Shop (me)"]
    assert run.err.splitlines() == ["skipped GitHub (alice@example.com): already in the vault"]
    assert sigma_auth("list").out.splitlines() == [
        "GitHub\talice@example.com", "Acme\talice", "Bank\tbob", "Shop\tme  [HOTP]"
    ]  # fmt: skip
    for secret in ("GEZDGNBVGY3TQOJQ", "MFRGGZDFMZTWQ2LK", "ONSWG4TFOQYT"):
        assert secret not in run.out + run.err


def test_add_scan_reports_codes_it_cannot_use(vault, tmp_path):
    codes = side_by_side(
        GITHUB_URI, "https://example.com/wifi", "otpauth://totp/Bad?secret=JBSWY3DPEHPK3PX1"
    )
    mixed = write_image(tmp_path / "mixed.png", codes)
    run = sigma_auth("add", "--scan", str(mixed))
    assert run.status == 1
    assert run.out == "Added GitHub (alice@example.com)\n"
    assert "sigma-auth: Not an authenticator QR code: “https://example.com/wifi”" in run.err
    assert "sigma-auth: skipped a QR code: the secret key is not valid base32" in run.err
    assert "JBSWY3DPEHPK3PX1" not in run.err  # the bad secret is not echoed
    assert_one_line_error(sigma_auth("add", "--scan", str(mixed)), "already in the vault")


def test_add_scan_of_a_part_says_what_is_missing_and_of_nothing_fails(vault, tmp_path):
    part = qr_png(tmp_path / "part.png", migration_line(EXPORTED[:1], batch_size=2, batch_id=4))
    run = sigma_auth("add", "--scan", str(part))
    assert run.status == 0 and run.out == "Added Acme (alice)\n"
    assert "part 1 of 2 scanned; still missing: 2" in run.err
    blank = write_image(tmp_path / "blank.png", np.full((100, 100), 255, np.uint8))
    assert_one_line_error(sigma_auth("add", "--scan", str(blank)), "no account to add")
    assert_one_line_error(sigma_auth("add", GITHUB_URI, "--scan", str(blank)), "not several")


def test_import_takes_google_authenticator_export_lines(vault, tmp_path):
    sigma_auth("add", GITHUB_URI)
    md5 = OtpParameters(secret=b"0123456789", name="Old:md5", algorithm=4, digits=1, type=2)
    second = [OtpParameters.from_account(EXPORTED[2]), md5]
    source = tmp_path / "export.txt"
    source.write_text(
        f"{migration_line(EXPORTED[:2], batch_size=2, batch_index=0, batch_id=1)}\n"
        f"{migration_line(second, batch_size=2, batch_index=1, batch_id=1)}\n"
        "otpauth-migration://offline?data=%%%\n"
        "otpauth://totp/Shop:me?secret=ONSWG4TFOQYTEMZUGU3DOOBZ\n"
    )
    run = sigma_auth("import", str(source))
    assert run.status == 1
    assert "skipped GitHub (alice@example.com): already in the vault" in run.err
    assert f"{source}:2: skipped Old (md5): it uses MD5" in run.err
    assert f"{source}:3: skipped: the export's data is not valid base64" in run.err
    assert "Imported 3 accounts (1 lines skipped as invalid, 1 export entries skipped)" in run.out
    assert [line.split("\t")[0] for line in sigma_auth("list").out.splitlines()] == [
        "GitHub", "Acme", "Bank", "Shop"
    ]  # fmt: skip


# ----- the installed entry point, as a real process -----------------------------------------


def run_entry_point(*argv, env=None):
    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_the_real_command_prints_its_version_and_fails_without_traceback():
    import desktop_app

    version = run_entry_point("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"sigma-auth {desktop_app.__version__}"
    failure = run_entry_point("totp", "!!!")
    assert failure.returncode == 1
    assert failure.stderr.count("\n") == 1 and "Traceback" not in failure.stderr
