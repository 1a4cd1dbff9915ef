# Set-up and everyday tasks. Both `demo` and `test` create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := examples/seed-article.txt

.PHONY: demo test lint typecheck unit bench mutation clean

$(BIN)/factcheck: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.bench: $(BIN)/factcheck
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

demo: $(BIN)/factcheck
	$(BIN)/factcheck extract $(SEED)
	FACTCHECK_NOW=2021-06-01T12:00:00Z $(BIN)/factcheck review $(SEED) --reports-dir reports \
		--answers examples/seed-answers.yaml --no-input --reviewer "Demo Reviewer"
	$(BIN)/factcheck report reports/seed-article.worksheet.yaml --format markdown
	$(BIN)/factcheck report reports/seed-article.worksheet.yaml

test: $(BIN)/factcheck
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python tools/structure.py
	# Byte-compiled as an installed copy is: the tests' subprocesses then load the package
	# instead of compiling it again each (PYTHONDONTWRITEBYTECODE would keep them from saving it).
	$(BIN)/python -m compileall -q factcheck
	# pytest saves the test modules it rewrites for its assertions only where Python may write
	# bytecode: with the cache, a later run collects in about 4 s instead of 9.
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -n auto

$(VENV)/.mutation: $(BIN)/factcheck
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	touch $@

bench: $(VENV)/.bench
	$(BIN)/python benchmarks/run_all.py

# Not part of CI: mutmut over the core modules of [tool.mutmut] (tens of minutes), then the score.
# Every process gets at most 4 GiB of address space: a mutant that allocates without end fails
# with MemoryError (a killed mutant) instead of taking the machine down.
mutation: $(VENV)/.mutation
	rm -rf mutants
	-ulimit -v 4194304 && $(BIN)/mutmut run
	$(BIN)/python tools/mutation_report.py

clean:
	rm -rf $(VENV) build dist mutants .pytest_cache .mypy_cache .ruff_cache
