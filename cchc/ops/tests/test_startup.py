"""Set-up that never trips (issue 10, point 3), in subprocesses with the production settings as an operator runs
`cchc`: a new SQLite file's folder is made by `cchc migrate`; a database that cannot be reached is one line on
stderr, its password hidden; `cchc serve` refuses DEBUG without --insecure-debug; `cchc worker` says when there is
nothing for it to do."""

from __future__ import annotations

import sqlite3

from cchc.accounts.tests.production import LONG_KEY, production_env, run_cchc


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_an_unreachable_postgresql_is_one_line_with_the_password_hidden():
    env = production_env(SECRET_KEY=LONG_KEY, DATABASE_URL="postgres://cchc:s3cret-pw@127.0.0.1:1/cchc")
    for command in (["migrate"], ["demo"], ["serve"], ["worker"], ["stats", "--unit", "x", "--period", "2023-Q3"]):
        result = run_cchc(command, env)
        assert result.returncode == 1, (command, result.stderr)
        assert one_line(result.stderr) == (
            "Không kết nối được cơ sở dữ liệu tại postgres://cchc:***@127.0.0.1:1/cchc: connection refused"
        ), command
        assert "s3cret-pw" not in result.stdout + result.stderr


def test_migrate_makes_the_folder_of_a_new_sqlite_file(tmp_path):
    path = tmp_path / "not" / "there" / "cchc.sqlite3"
    env = production_env(SECRET_KEY=LONG_KEY, DATABASE_URL=f"sqlite:///{path}")
    # Any other command says the folder is missing, in one line.
    result = run_cchc(["stats", "--unit", "x", "--period", "2023-Q3"], env)
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        f"Không kết nối được cơ sở dữ liệu tại sqlite:///{path}: chưa có thư mục {path.parent} "
        "(`cchc migrate` sẽ tạo thư mục này)"
    )
    assert not path.parent.exists()
    result = run_cchc(["migrate", "-v", "0"], env)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM django_migrations").fetchone()[0] > 50
    # A database without its tables: one line naming the remedy.
    empty = tmp_path / "empty.sqlite3"
    result = run_cchc(["stats", "--unit", "x", "--period", "2023-Q3"], {**env, "DATABASE_URL": f"sqlite:///{empty}"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert one_line(result.stderr).startswith(f"Cơ sở dữ liệu tại sqlite:///{empty} chưa có bảng (no such table: ")


def test_serve_refuses_debug_without_insecure_debug(tmp_path):
    env = production_env(DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    result = run_cchc(["serve", "--bind", "127.0.0.1:1"], env)
    assert result.returncode == 1
    assert "CommandError: DEBUG đang bật: `cchc serve` không khởi động" in result.stderr
    assert "--insecure-debug" in result.stderr and "gunicorn" not in result.stderr + result.stdout


def test_serve_refuses_a_database_not_migrated(tmp_path):
    env = production_env(SECRET_KEY=LONG_KEY, DATABASE_URL=f"sqlite:///{tmp_path / 'new.sqlite3'}")
    result = run_cchc(["serve", "--bind", "127.0.0.1:1"], env)
    assert result.returncode == 1
    assert "migration chưa áp dụng: hãy chạy `cchc migrate` trước." in result.stderr


def test_the_worker_says_there_is_nothing_to_do_with_the_immediate_queue(tmp_path):
    env = production_env(SECRET_KEY=LONG_KEY, CCHC_TASKS_BACKEND="immediate")
    result = run_cchc(["worker", "--batch"], env)
    assert result.returncode == 1
    assert one_line(result.stderr).startswith("Hàng đợi tác vụ là `immediate`: tác vụ chạy ngay")
