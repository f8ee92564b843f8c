"""Builds the analysis stages with mypyc, when it can, for ~45% more throughput (README, "Speed").

The metadata lives in pyproject.toml; this file only adds the compiled modules. Compiling is
optional: where mypyc is missing, the stages do not type-check, the C compiler fails, or
JOBSCAN_PURE=1 is set, jobscan installs as the same pure-Python package, with a warning. Either
way no compiled module is left in the source tree to shadow a .py file it was not built from.
"""
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The pipeline stages, where the time goes; model.py, the classes they build and read (compiled
# together, the stages construct them and read their fields as C calls and struct fields); and
# text.py, the tokeniser they share with the vocabulary.
COMPILED = ["model", "text", "load", "sections", "meta", "seniority", "skills"]
GROUP = "jobscan.stages"  # the shared library of compiled code: jobscan/stages__mypyc.*.so
HERE = Path(__file__).resolve().parent
# pip also runs this file only to read the metadata (egg_info, dist_info): no need to compile then.
METADATA_ONLY = not {"build", "build_ext", "bdist_wheel", "editable_wheel", "install", "develop"} & set(sys.argv)


def warn(message: str) -> None:
    print(f"jobscan: {message}; installing the pure-Python stages", file=sys.stderr)


def remove_compiled(folder: Path) -> None:
    """Delete the compiled stages in `folder`, so the .py files are what Python imports."""
    for name in [*COMPILED, GROUP.rpartition(".")[2] + "__mypyc"]:
        for path in folder.glob(f"{name}.*.so"):
            path.unlink()


class OptionalBuildExt(build_ext):
    """All or nothing: if any compiled module fails to build, none is installed."""

    def finalize_options(self) -> None:
        super().finalize_options()
        # Every module is linked anew, even where its C code is unchanged, so that each one is newer
        # than its source (tests/test_build.py tells a stale one by that).
        self.force = True

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # compiler or linker missing or failing: the .py files still work
            warn(f"compiling failed ({exc})")
            remove_compiled(Path(self.build_lib) / "jobscan")
            remove_compiled(HERE / "jobscan")


def compiled_stages() -> list:
    remove_compiled(HERE / "jobscan")  # an earlier build's modules: rebuilt below, or gone for good
    if os.environ.get("JOBSCAN_PURE") or METADATA_ONLY:
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        warn("mypyc is not installed")
        return []
    # Errors in the modules the stages import but that are not compiled (vocab.py) are not checked.
    # Third-party packages are never looked up, so they type as Any whether or not they are installed
    # yet (pip builds before it installs the dependencies): the same code is compiled either way.
    options = ["--follow-imports=silent", "--no-site-packages", "--ignore-missing-imports"]
    try:
        return mypycify([f"jobscan/{name}.py" for name in COMPILED] + options, group_name=GROUP)
    except (Exception, SystemExit) as exc:  # mypyc exits with SystemExit on type errors
        warn(f"mypyc could not compile the stages ({exc!r})")
        return []


setup(ext_modules=compiled_stages(), cmdclass={"build_ext": OptionalBuildExt})
