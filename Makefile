# The two commands in the README: `make run` and `make test`.
# Each bootstraps .venv (and, for tests, the Debian packages they need when run as root or with sudo).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the test suite uses: a real Secret Service, a virtual X screen, CJK fonts, PDF tools, strace.
SYSDEPS := gnome-keyring dbus-daemon xvfb fonts-noto-cjk poppler-utils strace \
           libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libxcb-cursor0 libdbus-1-3

.PHONY: run test lint typecheck pytest sysdeps venv bench soak package clean translations pack-index

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,build]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/exposure-check

sysdeps:
	@bash scripts/sysdeps.sh $(SYSDEPS)

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	bash scripts/run-tests.sh

test: sysdeps $(STAMP) lint typecheck pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

soak: $(STAMP)
	SOAK=full $(BIN)/python -m pytest -q -m "slow" tests

package: $(STAMP)
	$(BIN)/python packaging/build.py --deb

translations: $(STAMP)
	$(BIN)/python scripts/build_translations.py

pack-index: $(STAMP)
	$(BIN)/python scripts/build_pack_index.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
