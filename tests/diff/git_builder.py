"""Builds small git repositories in a temporary folder, commit by commit."""

from __future__ import annotations

from pathlib import Path

import git


class RepoBuilder:
    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.repo = git.Repo.init(path, initial_branch="main")
        with self.repo.config_writer() as config:
            config.set_value("user", "name", "Test Author")
            config.set_value("user", "email", "author@example.invalid")
            config.set_value("commit", "gpgsign", "false")
        self.git = self.repo.git

    def write(self, rel: str, content: str | bytes) -> Path:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode()
        target.write_bytes(content)
        return target

    def write_many(self, files: dict[str, str]) -> None:
        for rel, content in files.items():
            self.write(rel, content)

    def remove(self, rel: str) -> None:
        self.git.rm("-q", "--", rel)

    def move(self, source: str, target: str) -> None:
        (self.path / target).parent.mkdir(parents=True, exist_ok=True)
        self.git.mv("--", source, target)

    def commit(self, message: str = "change") -> str:
        self.git.add("-A")
        self.git.commit("-q", "--allow-empty", "-m", message)
        return self.head()

    def commit_index(self, message: str = "change") -> str:
        """Commit what is staged, without adding the work tree."""
        self.git.commit("-q", "-m", message)
        return self.head()

    def commit_files_directly(self, files: dict[str, bytes], message: str = "change") -> str:
        """Commit `files` on top of the current branch with `git fast-import`, without
        touching the work tree or the index: fast for thousands of files."""
        branch = self.repo.active_branch.path
        stream = [
            f"commit {branch}\ncommitter Test <t@example.invalid> 1700000000 +0000\n".encode(),
            b"data %d\n%s\nfrom %s\n" % (len(message), message.encode(), self.head().encode()),
        ]
        for rel, content in files.items():
            stream.append(
                b"M 100644 inline %s\ndata %d\n%s\n" % (rel.encode(), len(content), content)
            )
        source = self.path.parent / f"{self.path.name}.fast-import"
        source.write_bytes(b"".join(stream))
        with source.open("rb") as handle:
            self.git.execute(["git", "fast-import", "--quiet"], istream=handle)
        source.unlink()
        return self.head()

    def head(self) -> str:
        return str(self.git.rev_parse("HEAD"))

    def branch(self, name: str, start: str = "HEAD") -> None:
        self.git.checkout("-q", "-b", name, start)

    def checkout(self, name: str) -> None:
        self.git.checkout("-q", name)

    def record_submodule(self, rel: str, commit: str) -> None:
        """Record a submodule commit (a gitlink) at `rel` without cloning anything."""
        self.git.update_index("--add", "--cacheinfo", f"160000,{commit},{rel}")
