"""What changed: a history store of every version of a data directory, diffs of any two
versions by primary key, the notable changes in words, versions from git.

Plain Python (never imports Streamlit). ``canonical`` turns a loaded table into text cells,
``diff`` compares two versions, ``notable`` says what matters, ``store`` keeps versions in
SQLite, ``gitlog`` reads versions from git, ``since`` parses WHEN, ``inputs`` opens a data
directory or a snapshot ZIP, ``command`` holds the ``diff``, ``history`` and ``changes``
commands.
"""
