from sakura_sorter.cli import main

raise SystemExit(main())
