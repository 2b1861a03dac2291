"""One module per CLI sub-command. Each exposes ``register(subparsers)``, which adds its parser
and sets ``func`` to a callable ``(args) -> int``. Heavy imports (TensorFlow, Qt) happen inside
``func``, never at module import, so ``sakura-sorter --help`` stays fast."""
