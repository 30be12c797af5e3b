"""Helpers any stage may use: files written whole or not at all (fsutil), work in a killable child process (child).
May import: kg.errors and kg.paths only; never a stage."""
