"""Carnet's launcher: ``python main.py`` opens the window, ``python main.py --help`` the CLI."""

from app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
