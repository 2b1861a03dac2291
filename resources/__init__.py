"""Data files shipped with sakura_sorter: the bundled model (model/) and its card."""
