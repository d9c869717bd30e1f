#!/usr/bin/env bash
# `npm run setup`: gets a fresh machine ready to run and test adlab, and does nothing that is already done.
#  1. Node >= 20.19 and Python >= 3.9 (checked, not installed).
#  2. On Debian/Ubuntu as root, the few system packages Python's wheels cannot give: chromium and a
#     font for the real-browser tests of the notebooks, python3-venv where `python3 -m venv` lacks it.
#     Without root it prints the apt-get line instead.
#  3. The project's Python environment .venv/ (Jupyter, nbclient, nbgrader, ...) with exactly the
#     pins of requirements.txt, rebuilt only when requirements.txt changed.
#  4. npm ci when node_modules is missing or older than package-lock.json.
#  5. The WebAssembly kernels (npm run build:wasm) when missing or older than their sources.
#  6. The project-local kernel (npm run kernel), which also compiles lib/ for fast kernel start-up.
# Plain bash on purpose: it runs before node_modules and .venv exist.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }

node_ok=$(node -e 'const [a, b] = process.versions.node.split(".").map(Number); console.log(a > 20 || (a === 20 && b >= 19) ? "yes" : "no")' 2>/dev/null || echo missing)
if [ "$node_ok" != "yes" ]; then
  say "adlab needs Node.js >= 20.19 (found: $(node --version 2>/dev/null || echo none)). Install it (e.g. from your OS packages or nvm) and rerun."
  exit 1
fi

base_python=${ADLAB_BASE_PYTHON:-python3}
if ! "$base_python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  say "adlab needs Python >= 3.11 to build its Jupyter environment (found: $("$base_python" --version 2>&1 || echo none))."
  say "Install one (OS packages, pyenv or python.org) and rerun, or name it: ADLAB_BASE_PYTHON=/path/to/python3 npm run setup"
  exit 1
fi

debian_packages=(chromium fonts-dejavu-core)
"$base_python" -c 'import venv, ensurepip' 2>/dev/null || debian_packages+=(python3-venv)
if command -v dpkg-query >/dev/null && command -v apt-get >/dev/null; then
  missing=()
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "Debian packages present: ${debian_packages[*]}"
  elif [ "$(id -u)" -eq 0 ]; then
    say "installing ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  else
    say "missing Debian packages (the browser tests need chromium): ${missing[*]}"
    say "install them with: sudo apt-get install --no-install-recommends ${missing[*]}"
  fi
fi

# The stamp holds the hash of the requirements the venv was built from; a changed file rebuilds it
# from scratch, so a pin removed from requirements.txt is gone from .venv too.
pins=$(sha256sum requirements.txt | cut -d' ' -f1)
stamp=.venv/adlab-requirements.sha256
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$pins" ]; then
  say ".venv matches requirements.txt"
else
  say "building .venv from requirements.txt (Jupyter, nbclient, nbgrader, ...; about a minute)"
  rm -rf .venv
  "$base_python" -m venv .venv
  # PIP_USER=0: a user-level pip setting `user = true` would refuse to install into a venv.
  if ! PIP_USER=0 .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-input --require-virtualenv -r requirements.txt; then
    say "pip could not install requirements.txt into .venv (no access to the Python package index?)."
    say "adlab needs JupyterLab 4 or Notebook 7 and nbclient. Either give pip access to the index (or a mirror"
    say "through PIP_INDEX_URL) and rerun npm run setup, or install Jupyter yourself (conda install -c conda-forge"
    say "jupyterlab nbclient) and point adlab at that Python: export ADLAB_PYTHON=/path/to/python"
    rm -rf .venv
    exit 1
  fi
  echo "$pins" > "$stamp"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci
else
  say "node_modules is up to date with package-lock.json"
fi

wasm=lib/kernels/wasm/kernels.wasm
if [ ! -f "$wasm" ] || [ -n "$(find lib/kernels/wasm/assembly tools/build-wasm.ts -newer "$wasm" -print -quit)" ]; then
  npm run --silent build:wasm
else
  say "$wasm is up to date with its sources"
fi

npm run --silent kernel
