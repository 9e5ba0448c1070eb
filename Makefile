# The two commands a newcomer needs: `make run` and `make test`.
# Both work on a fresh Debian machine with python3, python3-venv, pip and make.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
EXTRAS := gui,medical,postgres,calls,test,bench
STAMP  := $(VENV)/.installed

export PYTHONDONTWRITEBYTECODE := 1
# Tests, benchmarks and installers render offscreen unless told otherwise; `make run`
# opens a real window (without a display the app itself goes offscreen).
pytest bench screenshots installer-test: export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint typecheck contracts pytest bench fuzz clean translations screenshots

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(STAMP): pyproject.toml Makefile | $(PY)
	$(PY) -m pip install --quiet -e '.[$(EXTRAS)]'
	@touch $@

## make run: set up and start WardLink with a demo organisation. First the system
## libraries Qt needs for the window: installed when run as root, else one line says
## which Debian packages are missing and the apt-get command (ui/platform_deps.py).
run: $(STAMP)
	@$(PY) -m desktop_app.ui.platform_deps --install
	$(VENV)/bin/wardlink demo

## make test: set up and run the whole suite (lint, types, layers, tests).
test: lint typecheck contracts pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check desktop_app tests bench tools
	$(VENV)/bin/ruff format --check desktop_app tests bench tools

typecheck: $(STAMP)
	$(VENV)/bin/mypy

contracts: $(STAMP)
	$(VENV)/bin/lint-imports

# pytest exits 5 when it collects no tests; make treats that as a failure.
pytest: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

## make bench: run the benchmarks and print their tables.
bench: $(STAMP)
	$(PY) -m bench

## make fuzz: coverage-guided fuzzing of every parser of outside bytes, over a million
## inputs (docs/fuzzing.md). `make test` runs a 60-second smoke of the same targets.
fuzz: $(STAMP)
	$(PY) -m tests.fuzz.run --all

## Installers (installer/README.md). Not part of `make test`: they take minutes.
##   make installer-linux          .deb in dist/ (PyInstaller bundle + Debian package)
##   make installer-test           build it, install it with dpkg (root), self-test, view,
##                                 relay, purge; then compile the NSIS script
##   make installer-windows-check  makensis over a placeholder payload (syntax check)
INSTALLER_STAMP := $(VENV)/.installed-installer
APP_VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop_app/__init__.py)
DEB = dist/wardlink_$(APP_VERSION)-1_$(shell dpkg --print-architecture).deb

.PHONY: installer-icons installer-bundle installer-linux installer-test installer-windows-check

$(INSTALLER_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[$(EXTRAS),installer]'
	@touch $@

installer-icons: $(INSTALLER_STAMP)
	$(PY) installer/make_icons.py build/icons

installer-bundle: installer-icons
	rm -rf dist/wardlink build/pyinstaller
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
	    --workpath build/pyinstaller installer/wardlink.spec
	@du -sh dist/wardlink

installer-linux: installer-bundle
	$(PY) installer/linux/build_deb.py --bundle dist/wardlink --icons build/icons --out dist

installer-test: installer-linux installer-windows-check
	installer/linux/test_deb.sh $(DEB) $(abspath $(PY))

installer-windows-check: installer-icons
	installer/windows/check_nsis.sh build/icons/wardlink.ico

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist

## make screenshots: render docs/screenshots/ offscreen from a real demo organisation.
screenshots: $(STAMP)
	$(PY) tools/screenshots.py

## make translations: refresh the .ts files from the code, then compile wardlink_de.qm.
TS_DIR := resources/translations
LUPDATE := $(VENV)/bin/pyside6-lupdate -source-language en -target-language de -no-obsolete
translations: $(STAMP)
	$(LUPDATE) desktop_app/ui/app.py desktop_app/ui/app_controller.py desktop_app/ui/error_text.py \
	    desktop_app/ui/error_texts_services.py desktop_app/ui/error_texts_storage.py \
	    desktop_app/ui/error_texts_code.py desktop_app/ui/error_texts_conversations.py \
	    desktop_app/ui/shift_time.py desktop_app/ui/shift_pin.py desktop_app/ui/guarded_copy.py \
	    desktop_app/ui/guarded_label.py desktop_app/ui/field_copy_guard.py \
	    desktop_app/ui/message_popups.py \
	    desktop_app/ui/shell/*.py \
	    desktop_app/ui/start/*.py desktop_app/ui/lock/*.py -ts $(TS_DIR)/de/shell.ts
	$(LUPDATE) desktop_app/ui/directory/*.py -ts $(TS_DIR)/de/directory.ts
	if [ -d desktop_app/ui/chat ]; then $(LUPDATE) desktop_app/ui/chat/*.py -ts $(TS_DIR)/de/chat.ts; fi
	$(LUPDATE) desktop_app/ui/viewers/*.py -ts $(TS_DIR)/de/viewers.ts
	$(LUPDATE) desktop_app/ui/teamwork/*.py -ts $(TS_DIR)/de/teamwork.ts
	$(LUPDATE) desktop_app/ui/calls/*.py -ts $(TS_DIR)/de/calls.ts
	$(VENV)/bin/pyside6-lrelease $(TS_DIR)/de/*.ts -qm $(TS_DIR)/wardlink_de.qm
