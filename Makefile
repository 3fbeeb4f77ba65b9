# One entry point for every routine command. The README and CI call these.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOME_DIR ?= .podcast-digest
CLI    := $(BIN)/podcast-digest --home $(HOME_DIR)
EXAMPLE_SUBSCRIBER ?= listener@example.com

.PHONY: install system-deps mail-parser-deps run test test-fast lint format typecheck bench validate clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all,dev]'
	@touch $(STAMP)

install: $(STAMP)

# Debian packages the tests use for real audio (espeak-ng, sox), screenshots and the browser flow
# (chromium, with an emoji font for the headings) and the third-party MIME parsers (node, npm).
# Installed when missing and we may (root with apt-get); tests that need them skip with a reason otherwise.
system-deps:
	@missing=""; for c in espeak-ng sox chromium; do command -v $$c >/dev/null || missing="$$missing $$c"; done; \
	ls /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf >/dev/null 2>&1 || missing="$$missing fonts-noto-color-emoji fontconfig"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "note: missing$$missing; the tests that need them will skip"; fi; \
	fi

# Third-party MIME parsers (npm mailparser, postal-mime) the wire-true header tests read raw mail with;
# those tests skip with this target's name when node or the packages are missing.
mail-parser-deps:
	@command -v npm >/dev/null || { echo "note: npm missing (apt-get install npm); the raw-mail parser tests will skip"; exit 0; }; \
	npm ci --prefix tests/support/mail_parser --no-audit --no-fund --loglevel=error

# The main job on embedded defaults: no AWS account, no API key, no network.
run: $(STAMP)
	$(CLI) feeds add examples/feed.xml --backfill 2
	$(CLI) subscribers add $(EXAMPLE_SUBSCRIBER) --feed examples/feed.xml
	$(CLI) run
	@echo "Digest emails are in $(HOME_DIR)/outbox/ (open the .html, or the .eml in a mail client)."

test: $(STAMP) system-deps mail-parser-deps
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow" -x -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(STAMP)
	$(BIN)/mypy shared/podcast_digest

bench: $(STAMP)
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

validate: $(STAMP)
	$(BIN)/cfn-lint template.yaml
	$(BIN)/pytest tests/infra -q

clean:
	rm -rf $(VENV) $(HOME_DIR) .pytest_cache .ruff_cache .mypy_cache
