from threatdelta.cli.main import main

raise SystemExit(main())
